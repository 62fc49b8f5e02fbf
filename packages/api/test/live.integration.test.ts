import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppRouter } from "../src/index";
import { startStandaloneServer, type StandaloneServer } from "../src/testing";
import { encodeCursor } from "../src/events/cursor";
import { currentHorizon } from "../src/events/outbox";
import { type LiveThreadEvent } from "../src/events/types";
import { useTestApp } from "./harness";

const app = useTestApp();
const servers: StandaloneServer[] = [];

async function startInstance(): Promise<string> {
  const server = await startStandaloneServer(app.url);
  servers.push(server);
  return server.url;
}

function clientFor(baseUrl: string, token?: string) {
  const headers = token ? { authorization: `Bearer ${token}` } : undefined;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({ url: baseUrl, EventSource }),
        false: httpLink({ url: baseUrl, ...(headers ? { headers } : {}) }),
      }),
    ],
  });
}

/** Subscribes and collects events until `count` have arrived (or the timeout passes). */
function collect(client: ReturnType<typeof clientFor>, discussionId: string, lastEventId: string | null, count: number) {
  const events: { id: string; data: LiveThreadEvent }[] = [];
  return new Promise<typeof events>((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.unsubscribe();
      reject(new Error(`timed out with ${events.length}/${count} events: ${JSON.stringify(events.map((e) => e.data.type))}`));
    }, 15_000);
    const sub = client.live.discussion.subscribe(
      { discussionId, lastEventId },
      {
        onData: (item) => {
          events.push(item);
          if (events.length === count) {
            clearTimeout(timer);
            sub.unsubscribe();
            resolve(events);
          }
        },
        onError: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      },
    );
  });
}

let a: string;
let b: string;
let token: string;

beforeAll(async () => {
  [a, b] = await Promise.all([startInstance(), startInstance()]);
  token = (await app.register("Poster")).token;
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

describe("live updates across instances", () => {
  it("delivers a message posted through instance A to a subscriber of instance B", async () => {
    const poster = clientFor(a, token);
    const discussion = await poster.discussion.create.mutate({ title: "Across instances", body: "opening" });
    const watcher = clientFor(b);
    // Subscribing from the current position makes the test independent of when the stream
    // opens: the message arrives through B's bus if it is already listening, else from B's
    // read of the outbox — either way once, and only through instance B.
    const since = encodeCursor(await currentHorizon(app.db));
    const received = collect(watcher, discussion.id, since, 2);
    const message = await poster.message.create.mutate({ discussionId: discussion.id, body: "hello from A" });
    const events = await received;
    const created = events.find((e) => e.data.type === "message.created");
    expect(created?.data).toMatchObject({ type: "message.created", message: { id: message.id, body: "hello from A" } });
    expect(events.map((e) => e.data.type).sort()).toEqual(["discussion.updated", "message.created"]);
  });

  it("resumes from the last event id without gaps or duplicates", async () => {
    const poster = clientFor(a, token);
    const discussion = await poster.discussion.create.mutate({ title: "Resume me", body: "opening" });
    // Everything so far, replayed from the start of this discussion's history.
    const history = await collect(clientFor(b), discussion.id, "0-0", 1);
    expect(history.map((e) => e.data.type)).toEqual(["message.created"]);
    const lastSeen = history.at(-1)!.id;

    // While the client is away, three messages land through the other instance.
    const posted = [];
    for (const body of ["one", "two", "three"]) {
      posted.push(await poster.message.create.mutate({ discussionId: discussion.id, body }));
    }
    // Reconnecting to B with the last id gives exactly what was missed: each message once, in order.
    const missed = await collect(clientFor(b), discussion.id, lastSeen, 6);
    const messages = missed.filter((e) => e.data.type === "message.created");
    expect(messages.map((e) => e.data.type === "message.created" && e.data.message.body)).toEqual(["one", "two", "three"]);
    const ids = missed.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(lastSeen);
    expect(posted).toHaveLength(3);
  });

  it("refuses a subscription to a missing discussion with a typed error, not a retried 500", async () => {
    const code = await new Promise<string | undefined>((resolve) => {
      const sub = clientFor(b).live.discussion.subscribe(
        { discussionId: crypto.randomUUID(), lastEventId: null },
        {
          onError: (error) => {
            sub.unsubscribe();
            resolve(error.data?.code);
          },
        },
      );
    });
    expect(code).toBe("NOT_FOUND");
  });
});
