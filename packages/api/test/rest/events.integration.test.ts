import { EventSource } from "eventsource";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "../../src/events/cursor";
import { currentHorizon } from "../../src/events/outbox";
import { type LiveThreadEvent } from "../../src/events/types";
import { type Credentials, useRestApp } from "./fixture";
import { startRestInstance, type RestInstance } from "./instance";
import { openSse } from "./sse";

// Instance A: the REST handler in this process. Instance B: another process on the same
// database, whose streams end every 400 ms (as a proxy or the 5-minute cap would end them).
const rest = useRestApp({ sse: { keepAliveMs: 100, maxStreamsPerViewer: 2 } });
const { app } = rest;
let b: RestInstance;
let poster: Credentials;
let posterToken: string;

beforeAll(async () => {
  b = await startRestInstance(app.url, { SSE_MAX_DURATION_MS: "400" });
  posterToken = (await app.register("Poster")).token;
  poster = { bearer: posterToken };
}, 60_000);

afterAll(async () => {
  await b.stop();
});

async function newDiscussion(title: string): Promise<string> {
  const reply = await rest.call("POST", "/discussions", {
    as: poster,
    body: { title, body: "opening" },
  });
  expect(reply.status).toBe(200);
  return (reply.json as { id: string }).id;
}

const post = (discussionId: string, body: string) =>
  rest.call("POST", `/discussions/${discussionId}/messages`, { as: poster, body: { body } });

const bodyOf = (data: string) => {
  const event = JSON.parse(data) as LiveThreadEvent;
  return event.type === "message.created" ? event.message.body : null;
};

describe("GET /api/v1/discussions/{id}/events", () => {
  it("streams events with id, type and JSON data, and resumes on the other instance without gaps or duplicates", async () => {
    const discussionId = await newDiscussion("Resume across instances");
    // From the start of the discussion's history, on instance B.
    const first = await openSse(`${b.url}/discussions/${discussionId}/events?lastEventId=0-0`);
    expect(first.status).toBe(200);
    expect(first.contentType).toMatch(/^text\/event-stream/);
    const [opening] = await first.take(1);
    first.close();
    expect(opening).toMatchObject({ event: "message.created" });
    expect(opening!.id).toMatch(/^\d+-\d+$/);
    expect(bodyOf(opening!.data)).toBe("opening");

    // While the client is away, three messages land (through A).
    for (const body of ["one", "two", "three"])
      expect((await post(discussionId, body)).status).toBe(200);

    // Reconnecting to A with Last-Event-ID gives exactly what was missed.
    const resumed = await openSse(`${rest.url}/discussions/${discussionId}/events`, {
      "last-event-id": opening!.id!,
    });
    const missed = await resumed.take(6);
    resumed.close();
    expect(missed.filter((e) => e.event === "message.created").map((e) => bodyOf(e.data))).toEqual([
      "one",
      "two",
      "three",
    ]);
    expect(missed.map((e) => e.event).sort()).toEqual([
      ...Array<string>(3).fill("discussion.updated"),
      ...Array<string>(3).fill("message.created"),
    ]);
    const ids = missed.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(opening!.id);
  });

  it("lets a standard EventSource follow a thread through reconnects, missing nothing and repeating nothing", async () => {
    const discussionId = await newDiscussion("EventSource follows");
    const received: string[] = [];
    const ids: string[] = [];
    let opened = 0;
    // Start from the current position, so a first connection that opens late misses nothing.
    const since = encodeCursor(await currentHorizon(app.db));
    const done = new Promise<void>((resolve, reject) => {
      const source = new EventSource(
        `${b.url}/discussions/${discussionId}/events?lastEventId=${since}`,
        {
          fetch: (input, init) =>
            fetch(input, {
              ...init,
              headers: { ...init.headers, authorization: `Bearer ${posterToken}` },
            }),
        },
      );
      const timer = setTimeout(() => {
        source.close();
        reject(new Error(`timed out with ${received.join(",")} after ${opened} connections`));
      }, 30_000);
      source.addEventListener("open", () => (opened += 1));
      source.addEventListener("message.created", (event: { data: string; lastEventId: string }) => {
        received.push(bodyOf(event.data) ?? "?");
        ids.push(event.lastEventId);
        if (received.length === 8) {
          clearTimeout(timer);
          source.close();
          resolve();
        }
      });
    });
    const bodies = Array.from({ length: 8 }, (_, i) => `message ${i + 1}`);
    for (const body of bodies) {
      expect((await post(discussionId, body)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 150)); // spread over several 400 ms connections
    }
    await done;
    expect(received).toEqual(bodies);
    expect(new Set(ids).size).toBe(ids.length);
    expect(opened).toBeGreaterThan(1);
  });

  it("sends keep-alive comments while nothing happens", async () => {
    const discussionId = await newDiscussion("Quiet thread");
    const stream = await openSse(`${rest.url}/discussions/${discussionId}/events`);
    await new Promise((r) => setTimeout(r, 350));
    stream.close();
    expect(stream.comments.filter((c) => c === "keep-alive").length).toBeGreaterThan(0);
  });

  it("answers problems before streaming: 404 for no such discussion, 400 for a bad last event id", async () => {
    const missing = await rest.call(
      "GET",
      "/discussions/00000000-0000-7000-8000-000000000000/events",
    );
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    const discussionId = await newDiscussion("Bad resume");
    const bad = await rest.call("GET", `/discussions/${discussionId}/events`, {
      headers: { "last-event-id": "yesterday" },
    });
    expect(bad.status).toBe(400);
    const notUuid = await rest.call("GET", "/discussions/nope/events");
    expect(notUuid.status).toBe(400);
    const post = await rest.call("POST", `/discussions/${discussionId}/events`);
    expect(post.status).toBe(405);
  });

  it("caps streams per account, and frees a slot when a client leaves", async () => {
    const discussionId = await newDiscussion("Many tabs");
    const url = `${rest.url}/discussions/${discussionId}/events`;
    const auth = { authorization: `Bearer ${posterToken}` };
    const one = await openSse(url, auth);
    const two = await openSse(url, auth);
    const three = await rest.call("GET", `/discussions/${discussionId}/events`, { as: poster });
    expect([one.status, two.status, three.status]).toEqual([200, 200, 429]);
    one.close();
    let again = await openSse(url, auth);
    for (let attempt = 0; again.status === 429 && attempt < 50; attempt++) {
      await new Promise((r) => setTimeout(r, 20)); // the server notices the abort asynchronously
      again = await openSse(url, auth);
    }
    expect(again.status).toBe(200);
    again.close();
    two.close();
  });
});
