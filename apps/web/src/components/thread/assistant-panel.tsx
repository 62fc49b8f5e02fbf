"use client";

import { errorMessage } from "~/trpc/errors";
import { useViewer } from "../viewer";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { RelativeTime } from "../ui/relative-time";
import { Spinner } from "../ui/spinner";
import { type AgentJob, draftOf, isActive, summaryOf, type SummaryResult } from "./agent-types";
import { type MessageView } from "./types";
import { type useAgentJob } from "./use-agent-job";
import { LabelSuggestions } from "../agent/label-suggestions";
import { newMessagesSince, stalenessNote } from "../agent/staleness";

type JobState = ReturnType<typeof useAgentJob>;

/** Summary of the thread (everyone sees it) and a reply draft (private to whoever asked). */
export function AssistantPanel({
  summary,
  draft,
  newestMessage,
  messages,
  discussionId,
  open,
  onUseDraft,
}: {
  summary: JobState;
  draft: JobState;
  newestMessage: MessageView | undefined;
  messages: readonly MessageView[];
  discussionId: string;
  open: boolean;
  onUseDraft: (text: string) => void;
}) {
  const viewer = useViewer();
  const provider = summaryOf(summary.job)?.provider ?? draftOf(draft.job)?.provider;
  return (
    <section
      aria-labelledby="assistant-heading"
      className="mb-6 rounded-xl border border-accent-100 bg-gradient-to-b from-accent-50/70 to-white p-4 shadow-sm sm:p-5"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2
          id="assistant-heading"
          className="flex items-center gap-2 text-sm font-semibold text-zinc-900"
        >
          <span
            aria-hidden
            className="grid size-6 place-items-center rounded-md bg-accent-600 text-xs text-white"
          >
            ✦
          </span>
          Assistant
        </h2>
        {provider?.offline ? (
          <Badge tone="amber">
            <span title="No model is configured: results come from Parley's built-in offline helper">
              Offline helper, not an AI model
            </span>
          </Badge>
        ) : provider ? (
          <span className="text-xs text-zinc-500">Model: {provider.model}</span>
        ) : null}
      </div>
      <SummarySection
        state={summary}
        newestMessage={newestMessage}
        messages={messages}
        canRequest={viewer !== null}
      />
      {viewer && open ? <DraftSection state={draft} onUseDraft={onUseDraft} /> : null}
      <LabelSuggestions discussionId={discussionId} />
    </section>
  );
}

const count = (n: number) => n.toLocaleString("en-US");
const day = (iso: string) =>
  new Date(iso).toLocaleDateString("en-US", { day: "numeric", month: "short", year: "numeric" });

/** What the summary covers, in words: "all 2,000 messages", or which range when newer ones exist. */
function coverageNote(result: SummaryResult, newer: number | null): string {
  const covered = result.coverage?.messages ?? result.messageCount;
  const noun = covered === 1 ? "message" : "messages";
  const range =
    result.coverage?.from && result.coverage.to
      ? ` (${day(result.coverage.from)} – ${day(result.coverage.to)})`
      : "";
  if (newer === null) return `Covers ${count(covered)} ${noun}${range}`;
  if (newer === 0)
    return covered === 1
      ? `Covers the thread's only message${range}`
      : `Covers all ${count(covered)} ${noun}${range}`;
  const more = newer >= 1000 ? "1,000+" : count(newer);
  return `Covers the first ${count(covered)} ${noun}${range}; ${more} newer ${newer === 1 ? "message is" : "messages are"} not included yet`;
}

function JobProblem({ job }: { job: AgentJob }) {
  if (job.status === "blocked")
    return (
      <Alert tone="warning" className="mt-2">
        Blocked: {job.error ?? "the request was blocked by moderation."}
      </Alert>
    );
  return (
    <Alert className="mt-2">
      Failed: {job.error ?? "the assistant could not finish. Try again."}
    </Alert>
  );
}

function Working({ label, text }: { label: string; text: string }) {
  return (
    <div className="mt-2">
      <p className="flex items-center gap-2 text-sm text-zinc-600">
        <Spinner label={label} /> {label}
      </p>
      {text ? (
        <p className="mt-2 whitespace-pre-wrap text-sm leading-relaxed text-zinc-700">{text}</p>
      ) : null}
    </div>
  );
}

function SummarySection({
  state,
  newestMessage,
  messages,
  canRequest,
}: {
  state: JobState;
  newestMessage: MessageView | undefined;
  messages: readonly MessageView[];
  canRequest: boolean;
}) {
  const { job } = state;
  const result = summaryOf(job);
  const freshness = job?.freshness ?? null;
  const sourcesChanged = freshness?.sourcesChanged === true;
  // The server counted newer messages when the job was read; messages that arrived live since
  // are counted on the loaded page. The larger count wins.
  const seenNewer = result ? newMessagesSince(messages, result.coversUpToMessageId) : null;
  const newer = freshness ? Math.max(freshness.newerMessages, seenNewer ?? 0) : seenNewer;
  const stale =
    result !== null &&
    (sourcesChanged ||
      (newer ?? 0) > 0 ||
      (newestMessage !== undefined && result.coversUpToMessageId !== newestMessage.id));
  const requestButton = (label: string) =>
    canRequest ? (
      <Button variant="secondary" size="sm" onClick={state.request} disabled={state.requesting}>
        {label}
      </Button>
    ) : null;

  return (
    <div className="mt-3" data-testid="summary">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-zinc-500">Summary</h3>
        {job && !isActive(job) && (!result || stale)
          ? requestButton(result || sourcesChanged ? "Update summary" : "Try again")
          : null}
      </div>
      {state.isLoading ? (
        <Working label="Loading…" text="" />
      ) : !job ? (
        <div className="mt-1 flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-zinc-600">
            A short summary of the thread, with links to the messages behind each point.
          </p>
          {requestButton("Summarize thread")}
        </div>
      ) : isActive(job) ? (
        <Working
          label={job.status === "queued" ? "Waiting for the assistant…" : "Summarizing…"}
          text={state.streamedText}
        />
      ) : job.status === "completed" && !result && sourcesChanged ? (
        <Alert tone="warning" className="mt-2">
          <span data-testid="summary-withheld">
            The summary is hidden: messages it covered were edited, removed or hidden since it was
            written. Update it to see a summary of the thread as it is now.
          </span>
        </Alert>
      ) : job.status !== "completed" || !result ? (
        <JobProblem job={job} />
      ) : (
        <div className="mt-1">
          <p className="whitespace-pre-wrap text-sm leading-relaxed text-zinc-800">
            {result.summary}
          </p>
          {result.citations.length > 0 ? (
            <details className="group mt-2 text-sm">
              <summary className="cursor-pointer select-none text-xs font-medium text-accent-700 hover:underline">
                Sources ({result.citations.length})
              </summary>
              <ul className="mt-2 space-y-1 text-zinc-700">
                {result.citations.map((citation) => (
                  <li key={citation.claim} className="flex gap-2">
                    <span aria-hidden className="text-accent-600">
                      •
                    </span>
                    <span>
                      {citation.claim}{" "}
                      {citation.messageIds.map((id, index) => (
                        <a
                          key={id}
                          href={`#message-${id}`}
                          className="ml-0.5 text-xs font-medium text-accent-700 underline-offset-2 hover:underline"
                        >
                          [{index + 1}]
                        </a>
                      ))}
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          {sourcesChanged ? (
            <Alert tone="warning" className="mt-2">
              Messages this summary covered changed since it was written; members no longer see it.
              Update it.
            </Alert>
          ) : null}
          <p className="mt-2 text-xs text-zinc-500" data-testid="summary-coverage">
            {coverageNote(result, newer)}
            {job.completedAt ? (
              <>
                {" "}
                · written <RelativeTime iso={job.completedAt} />
              </>
            ) : null}
            {stale && !sourcesChanged && newer === null ? (
              <span data-testid="summary-staleness">
                {" "}
                · {stalenessNote(newMessagesSince(messages, result.coversUpToMessageId))}
              </span>
            ) : null}
          </p>
        </div>
      )}
      {state.requestError ? (
        <Alert className="mt-2">{errorMessage(state.requestError)}</Alert>
      ) : null}
    </div>
  );
}

function DraftSection({
  state,
  onUseDraft,
}: {
  state: JobState;
  onUseDraft: (text: string) => void;
}) {
  const { job } = state;
  const result = draftOf(job);
  return (
    <div className="mt-4 border-t border-accent-100 pt-3" data-testid="draft">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-zinc-500">
          Reply draft · only you see it
        </h3>
        {!job || !isActive(job) ? (
          <Button variant="secondary" size="sm" onClick={state.request} disabled={state.requesting}>
            {result ? "Draft again" : "Draft a reply"}
          </Button>
        ) : null}
      </div>
      {job && isActive(job) ? (
        <Working
          label={job.status === "queued" ? "Waiting for the assistant…" : "Drafting…"}
          text={state.streamedText}
        />
      ) : job && (job.status !== "completed" || !result) ? (
        <JobProblem job={job} />
      ) : result ? (
        <div className="mt-2 rounded-lg border border-zinc-200 bg-white p-3">
          <p className="whitespace-pre-wrap text-sm leading-relaxed text-zinc-800">
            {result.reply}
          </p>
          {result.points && result.points.length > 0 ? (
            <div className="mt-2 text-xs text-zinc-600" data-testid="draft-points">
              <p className="font-medium">Built from these points of the thread:</p>
              <ul className="mt-1 space-y-0.5">
                {result.points.map((point) => (
                  <li key={point.claim}>
                    “{point.claim}”{" "}
                    {point.messageIds.map((id, index) => (
                      <a
                        key={id}
                        href={`#message-${id}`}
                        className="ml-0.5 font-medium text-accent-700 underline-offset-2 hover:underline"
                      >
                        [{index + 1}]
                      </a>
                    ))}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {result.rationale ? (
            <p className="mt-2 text-xs text-zinc-500">Why: {result.rationale}</p>
          ) : null}
          <div className="mt-2 flex justify-end">
            <Button size="sm" onClick={() => onUseDraft(result.reply)}>
              Use this draft
            </Button>
          </div>
        </div>
      ) : null}
      {state.requestError ? (
        <Alert className="mt-2">{errorMessage(state.requestError)}</Alert>
      ) : null}
    </div>
  );
}
