import { EventSource } from "eventsource";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createParleyClient, type LiveThreadEvent, type ParleyClient } from "../src/index";
import { EventLog } from "./support/event-log";
import { FlakyProxy } from "./support/flaky-proxy";
import { useLiveApi } from "./support/server";

const api = useLiveApi();
let proxy: FlakyProxy;
let poster: ParleyClient;
let token: string;

beforeAll(async () => {
  proxy = await FlakyProxy.start(api.url);
  const { client, session } = await api.member("Poster");
  poster = client;
  token = session.token;
});
afterAll(() => proxy.stop());

const bodies = (log: EventLog<LiveThreadEvent>) =>
  log.items.flatMap((e) => (e.data.type === "message.created" ? [e.data.message.body] : []));
const hasBody = (body: string) => (items: { data: LiveThreadEvent }[]) =>
  items.some((e) => e.data.type === "message.created" && e.data.message.body === body);
/** The discussion.updated event that a message brings, so nothing of it is still in flight. */
const hasCount = (count: number) => (items: { data: LiveThreadEvent }[]) =>
  items.some(
    (e) => e.data.type === "discussion.updated" && e.data.discussion.messageCount === count,
  );

/** Watches a new discussion through the proxy, from its very first event, until two messages are in. */
async function watchNewDiscussion(retries: { failuresInARow: number }[]) {
  const discussion = await poster.discussion.create.mutate({
    title: "Resume across failures",
    body: "opening",
  });
  const watcher = createParleyClient({
    url: proxy.url,
    token,
    EventSource,
    retry: { initialDelayMs: 20, maxDelayMs: 200, onRetry: (retry) => retries.push(retry) },
  });
  const log = new EventLog<LiveThreadEvent>();
  const subscription = watcher.live.discussion.subscribe(
    { discussionId: discussion.id, lastEventId: "0-0" },
    { onData: log.push, onError: log.fail },
  );
  await poster.message.create.mutate({ discussionId: discussion.id, body: "one" });
  await log.until((items) => hasBody("one")(items) && hasCount(2)(items));
  return { discussion, log, subscription };
}

function expectEachOnceInOrder(log: EventLog<LiveThreadEvent>) {
  expect(bodies(log)).toEqual(["opening", "one", "two", "three", "four"]);
  const ids = log.items.map((e) => e.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(log.errors).toEqual([]);
}

describe("subscriptions through connection failures", () => {
  it("survives the server ending the stream: the EventSource reconnects with Last-Event-ID and misses nothing", async () => {
    const retries: { failuresInARow: number }[] = [];
    const { discussion, log, subscription } = await watchNewDiscussion(retries);
    const lastSeen = log.items.at(-1)!.id;
    const before = proxy.seen.length;

    proxy.hold();
    proxy.endStreams();
    // Posted while the watcher is disconnected: only a resume from lastSeen can deliver these.
    await poster.message.create.mutate({ discussionId: discussion.id, body: "two" });
    await poster.message.create.mutate({ discussionId: discussion.id, body: "three" });
    proxy.release();
    await log.until(hasBody("three"));
    await poster.message.create.mutate({ discussionId: discussion.id, body: "four" });
    await log.until(hasBody("four"));
    subscription.unsubscribe();

    expectEachOnceInOrder(log);
    const reconnects = proxy.seen.slice(before);
    expect(reconnects[0]).toMatchObject({
      path: "live.discussion",
      headerLastEventId: lastSeen,
      status: 200,
    });
    expect(retries).toEqual([]); // the EventSource's own reconnect was enough
  });

  it("survives failed reconnects: retryLink resubscribes with the last event id after the EventSource gives up", async () => {
    const retries: { failuresInARow: number }[] = [];
    const { discussion, log, subscription } = await watchNewDiscussion(retries);
    const lastSeen = log.items.at(-1)!.id;
    const before = proxy.seen.length;

    proxy.fail();
    proxy.cutStreams();
    await poster.message.create.mutate({ discussionId: discussion.id, body: "two" });
    await poster.message.create.mutate({ discussionId: discussion.id, body: "three" });
    // The EventSource's reconnect gets a 502 and fails for good; retryLink tries again, and again.
    await proxy.until((seen) => seen.slice(before).filter((s) => s.status === 502).length >= 3);
    proxy.heal();
    await log.until(hasBody("three"));
    await poster.message.create.mutate({ discussionId: discussion.id, body: "four" });
    await log.until(hasBody("four"));
    subscription.unsubscribe();

    expectEachOnceInOrder(log);
    const attempts = proxy.seen.slice(before);
    // Every new EventSource that retryLink opened asked to resume after the last event seen,
    // not from the subscription's original input ("0-0", which would repeat everything).
    const resubscriptions = attempts.filter((s) => s.headerLastEventId === null);
    expect(resubscriptions.length).toBeGreaterThanOrEqual(2);
    for (const s of resubscriptions) expect(s.inputLastEventId).toBe(lastSeen);
    expect(attempts.at(-1)?.status).toBe(200);
    expect(retries.length).toBe(resubscriptions.length);
    // The first retry follows a connection that had worked (0 failed attempts in a row, the
    // shortest wait); each refused attempt after it counts up, and the backoff grows with it.
    expect(retries.map((r) => r.failuresInARow)).toEqual(retries.map((_, i) => i));
  });
});
