import type { LiveEvents, ParleyClient } from "@parley/client";
import { ThresholdTracker } from "./thresholds";

export interface SummaryBotOptions {
  client: ParleyClient;
  discussionId: string;
  /** Ask for a summary each time the thread passes another multiple of this many messages. */
  every: number;
  /** Where the bot's lines go (stdout in main.ts). */
  print: (line: string) => void;
}

export interface SummaryBot {
  /** Stops listening and following jobs; resolves once a request under way has finished. */
  stop(): Promise<void>;
}

interface Unsubscribable {
  unsubscribe(): void;
}

/**
 * Follows one discussion. When the thread passes a multiple of `every` messages it asks the
 * agent for a summary (one request per crossing), follows that job live and prints the
 * summary when it is done.
 */
export async function startSummaryBot({
  client,
  discussionId,
  every,
  print,
}: SummaryBotOptions): Promise<SummaryBot> {
  const discussion = await client.discussion.get.query({ id: discussionId });
  const thresholds = new ThresholdTracker(every, discussion.messageCount);
  let known = discussion.messageCount;
  const subscriptions = new Set<Unsubscribable>();
  // Requests run one after another, in the order the thresholds were crossed.
  let requests = Promise.resolve();
  // An object, not a `let`: it changes while requests await, which narrowing would not see.
  const state = { stopped: false };

  const follow = (jobId: string) => {
    if (state.stopped) return; // stopped while the request was under way
    const subscription = client.live.agentJob.subscribe(
      { jobId },
      {
        onData: ({ data }) => {
          if (data.type !== "agent.job.updated") return; // streamed text; the bot prints the final result
          const { job } = data;
          if (job.status === "completed" && job.result && "summary" in job.result) {
            print(
              `summary (job ${job.id}, ${job.result.messageCount} messages):\n${job.result.summary}`,
            );
          } else if (job.status === "failed" || job.status === "blocked") {
            print(`summary job ${job.id} ${job.status}: ${job.error ?? "no reason given"}`);
          } else {
            print(`summary job ${job.id} is ${job.status}`);
            return;
          }
          subscription.unsubscribe();
          subscriptions.delete(subscription);
        },
        onError: (error) => {
          print(`stopped following job ${jobId}: ${error.message}`);
          subscriptions.delete(subscription);
        },
      },
    );
    subscriptions.add(subscription);
  };

  const requestSummary = async (count: number) => {
    if (state.stopped) return;
    try {
      const { job, created } = await client.agent.request.mutate({ discussionId, type: "summary" });
      print(
        `thread passed ${count} messages: ${created ? "requested" : "already requested"} summary job ${job.id}`,
      );
      follow(job.id);
    } catch (error) {
      print(
        `could not request a summary: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };

  const onThreadEvent = ({ data }: LiveEvents["discussion"]) => {
    if (data.type !== "discussion.updated") return;
    const count = data.discussion.messageCount;
    if (count <= known) return; // replayed history, or an update that added no message
    known = count;
    print(`${count} messages in the thread`);
    if (thresholds.crossed(count)) requests = requests.then(() => requestSummary(count));
  };

  // From the start of the thread's stored events ("0-0"), so that a message posted between
  // reading the count above and the stream opening is not missed; replayed events carry
  // counts the bot already knows and change nothing.
  const thread = client.live.discussion.subscribe(
    { discussionId, lastEventId: "0-0" },
    {
      onData: onThreadEvent,
      onConnectionStateChange: (state) => {
        if (state.state === "connecting" && state.error)
          print(`connection lost (${state.error.message}); reconnecting`);
      },
      onError: (error) => print(`stopped listening: ${error.message}`),
    },
  );
  subscriptions.add(thread);
  print(
    `watching "${discussion.title}" (${discussion.messageCount} messages); a summary every ${every} messages`,
  );

  return {
    async stop() {
      state.stopped = true;
      for (const subscription of subscriptions) subscription.unsubscribe();
      subscriptions.clear();
      await requests;
    },
  };
}
