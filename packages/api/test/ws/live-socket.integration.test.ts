import { once } from "node:events";
import { connect as connectSocket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "../../src/events/cursor";
import { currentHorizon } from "../../src/events/outbox";
import { type StandaloneServer } from "../../src/testing";
import { useTestApp } from "../harness";
import { openSse } from "../rest/sse";
import { connect, openSocket } from "./client";
import { startLiveInstance } from "./instance";
import { type LiveServer, startLiveServer } from "./server";

// Instance A: REST + /ws in this process. Instance B: the same in another process on the same
// database (its own pool, LISTEN connection and bus). Both cap live connections at 2 per token.
const app = useTestApp();
let a: LiveServer;
let b: StandaloneServer;
let author: { id: string; token: string };
let reader: { id: string; token: string };

beforeAll(async () => {
  await app.register("Admin", "admin");
  author = await app.register("Author");
  reader = await app.register("Reader");
  a = await startLiveServer({
    runtime: () => Promise.resolve({ db: app.db, events: app.bus, env: { APP_SECRET_KEY: "ws-test-secret-".padEnd(40, "x") } }),
    maxConnections: 2,
    sse: { maxStreamsPerViewer: 2 },
  });
  b = await startLiveInstance(app.url, { PARLEY_LIVE_MAX_CONNECTIONS: "2" });
}, 60_000);

afterAll(async () => {
  await a.close();
  await b.stop();
});

const wsUrl = (origin: string, path: string) => origin.replace(/^http/, "ws") + path;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function call(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; json: { id: string } & Record<string, unknown> }> {
  const res = await fetch(`${a.origin}/api/v1${path}`, {
    method,
    headers: { ...bearer(token), ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as { id: string } & Record<string, unknown> };
}

async function newDiscussion(title: string): Promise<string> {
  const reply = await call("POST", "/discussions", author.token, { title, body: "opening" });
  expect(reply.status).toBe(200);
  return reply.json.id;
}
const post = async (discussionId: string, body: string) => {
  const reply = await call("POST", `/discussions/${discussionId}/messages`, author.token, { body });
  expect(reply.status).toBe(200);
  return reply.json;
};
const byCursor = (x: string, y: string) => {
  const [xt, xi] = x.split("-").map(BigInt);
  const [yt, yi] = y.split("-").map(BigInt);
  return xt! === yt! ? (xi! < yi! ? -1 : xi! > yi! ? 1 : 0) : xt! < yt! ? -1 : 1;
};
const since = async () => encodeCursor(await currentHorizon(app.db));

describe("WebSocket /ws/discussions/{id}", () => {
  it("delivers messages created, edited and deleted, and agent job updates, each with its event id", async () => {
    const d = await newDiscussion("Follow over a socket");
    const socket = await connect(wsUrl(a.origin, `/ws/discussions/${d}?lastEventId=${await since()}`), bearer(reader.token));
    const message = await post(d, "first draft");
    expect((await call("PATCH", `/messages/${message.id}`, author.token, { body: "second draft" })).status).toBe(200);
    expect((await call("DELETE", `/messages/${message.id}`, author.token)).status).toBe(200);
    const job = await call("POST", `/discussions/${d}/agent`, author.token, { type: "summary" });
    expect(job.status).toBe(200);

    const frames = await socket.waitFor((f) => f.type === "agent.job.updated");
    socket.close();
    const messageFrames = frames.filter((f) => f.type.startsWith("message."));
    expect(messageFrames.map((f) => [f.type, f.data.message?.id])).toEqual([
      ["message.created", message.id],
      ["message.updated", message.id],
      ["message.deleted", message.id],
    ]);
    expect(messageFrames[1]!.data.message?.body).toBe("second draft");
    const jobFrame = frames.find((f) => f.type === "agent.job.updated");
    expect(jobFrame?.data.job?.id).toBe((job.json.job as { id: string }).id);
    for (const frame of frames) {
      expect(frame.id).toMatch(/^\d+-\d+$/);
      expect(frame.data.type).toBe(frame.type);
    }
    expect(new Set(frames.map((f) => f.id)).size).toBe(frames.length);
  });

  it("resumes with lastEventId on the other instance: exactly what was missed, no gap, no duplicate", async () => {
    const d = await newDiscussion("Resume across instances");
    const first = await connect(wsUrl(a.origin, `/ws/discussions/${d}?lastEventId=0-0`), bearer(reader.token));
    const [opening] = await first.take(1);
    first.close();
    expect(opening).toMatchObject({ type: "message.created", data: { message: { body: "opening" } } });

    for (const body of ["one", "two", "three"]) await post(d, body); // through A, while away

    const resumed = await connect(wsUrl(b.url, `/ws/discussions/${d}?lastEventId=${opening!.id}`), bearer(reader.token));
    await resumed.waitFor((f) => f.data.message?.body === "three");
    await post(d, "four"); // what follows arrives live on B
    const frames = await resumed.waitFor((f) => f.data.message?.body === "four");
    resumed.close();
    const created = frames.filter((f) => f.type === "message.created").map((f) => f.data.message?.body);
    expect(created).toEqual(["one", "two", "three", "four"]);
    const ids = frames.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(opening!.id);
    // Event ids only grow: the stream is in outbox order.
    expect([...ids].sort(byCursor)).toEqual(ids);
  });

  it("applies the same read permissions as SSE: others never get a private draft's or a held message's events", async () => {
    const d = await newDiscussion("Private things");
    const url = wsUrl(b.url, `/ws/discussions/${d}?lastEventId=${await since()}`);
    const [forReader, forAnonymous, forAuthor] = await Promise.all([
      connect(url, bearer(reader.token)),
      connect(url),
      connect(url, bearer(author.token)),
    ]);
    const draft = await call("POST", `/discussions/${d}/agent`, author.token, { type: "draft_reply" });
    expect(draft.status).toBe(200);
    const held = await post(d, "Shut up, all of you.");
    expect(held.status).toBe("held");
    const clean = await post(d, "Sorry about that.");

    for (const socket of [forReader, forAnonymous]) {
      const [first] = await socket.take(1);
      expect(first).toMatchObject({ type: "message.created", data: { message: { id: clean.id, status: "published" } } });
    }
    const [own] = await forAuthor.take(1);
    expect(own).toMatchObject({ type: "message.created", data: { message: { id: held.id, status: "held" } } });
    for (const socket of [forReader, forAnonymous, forAuthor]) {
      socket.close();
      expect(socket.frames.some((f) => f.data.job?.type === "draft_reply")).toBe(false);
    }
  });

  it("authenticates by header, ?access_token= or session cookie, and answers problems before the upgrade", async () => {
    const d = await newDiscussion("Credentials");
    const path = `/ws/discussions/${d}`;
    for (const [query, headers] of [
      [`?access_token=${reader.token}`, {}],
      ["", { cookie: `test-session=${reader.id}` }],
    ] as const) {
      const socket = await connect(wsUrl(a.origin, path + query), headers);
      socket.close();
    }
    const badToken = await openSocket(wsUrl(a.origin, `${path}?access_token=plt_nope`));
    expect(badToken).toMatchObject({ ok: false, status: 401 });
    const missing = await openSocket(wsUrl(a.origin, "/ws/discussions/00000000-0000-7000-8000-000000000000"));
    expect(missing).toMatchObject({ ok: false, status: 404 });
    const badCursor = await openSocket(wsUrl(a.origin, `${path}?lastEventId=yesterday`));
    expect(badCursor).toMatchObject({ ok: false, status: 400 });
    if (!badCursor.ok) expect(JSON.parse(badCursor.body)).toMatchObject({ status: 400, code: "BAD_REQUEST" });
  });

  it("caps live connections per token across instances and transports (429), and frees a slot on close", async () => {
    const d = await newDiscussion("Many tabs");
    const token = (await (await app.as(reader.id)).tokens.create({ name: "capped", scopes: ["read"] })).token;
    const socketOnA = await connect(wsUrl(a.origin, `/ws/discussions/${d}`), bearer(token));
    const sseOnB = await openSse(`${b.url}/api/v1/discussions/${d}/events`, bearer(token));
    expect(sseOnB.status).toBe(200);

    const thirdSocket = await openSocket(wsUrl(b.url, `/ws/discussions/${d}`), bearer(token));
    expect(thirdSocket).toMatchObject({ ok: false, status: 429 });
    if (!thirdSocket.ok) expect(thirdSocket.headers["retry-after"]).toBe("5");
    const thirdSse = await fetch(`${a.origin}/api/v1/discussions/${d}/events`, { headers: bearer(token) });
    expect(thirdSse.status).toBe(429);
    expect(thirdSse.headers.get("content-type")).toBe("application/problem+json");
    expect(thirdSse.headers.get("retry-after")).toBe("5");
    // Another token of the same account has its own allowance.
    const other = await connect(wsUrl(b.url, `/ws/discussions/${d}`), bearer(reader.token));
    other.close();

    socketOnA.close();
    await socketOnA.closed;
    let again = await openSocket(wsUrl(b.url, `/ws/discussions/${d}`), bearer(token));
    for (let attempt = 0; !again.ok && attempt < 50; attempt++) {
      await new Promise((r) => setTimeout(r, 20)); // the row is deleted just after the close
      again = await openSocket(wsUrl(b.url, `/ws/discussions/${d}`), bearer(token));
    }
    expect(again.ok).toBe(true);
    if (again.ok) again.socket.close();
    sseOnB.close();
  });

  it("frees the slot of a client that leaves during the upgrade", async () => {
    const d = await newDiscussion("Impatient client");
    const created = await (await app.as(reader.id)).tokens.create({ name: "impatient", scopes: ["read"] });
    const { port } = new URL(a.origin);
    const raw = connectSocket(Number(port), "127.0.0.1");
    await once(raw, "connect");
    raw.end(
      [
        `GET /ws/discussions/${d} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        "Upgrade: websocket",
        "Connection: Upgrade",
        "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
        `Authorization: Bearer ${created.token}`,
        "",
        "",
      ].join("\r\n"),
    ); // and the FIN right after: gone before the server has checked anything
    await once(raw, "close");
    const subject = `token:${created.id}`;
    let open = await app.db.liveConnection.count({ where: { subject } });
    for (let attempt = 0; open > 0 && attempt < 100; attempt++) {
      await new Promise((r) => setTimeout(r, 20));
      open = await app.db.liveConnection.count({ where: { subject } });
    }
    expect(open).toBe(0);
    // And the token still has its whole allowance.
    const [one, two] = [await connect(wsUrl(a.origin, `/ws/discussions/${d}`), bearer(created.token)), await connect(wsUrl(a.origin, `/ws/discussions/${d}`), bearer(created.token))];
    one.close();
    two.close();
  });

  it("closes every socket with 1001 on SIGTERM, and deletes their connection rows", async () => {
    const c = await startLiveInstance(app.url);
    const d = await newDiscussion("Shutdown");
    const token = (await (await app.as(reader.id)).tokens.create({ name: "shutdown", scopes: ["read"] })).token;
    const socket = await connect(wsUrl(c.url, `/ws/discussions/${d}`), bearer(token));
    const tokenRow = await app.db.apiToken.findFirstOrThrow({ where: { name: "shutdown" } });
    expect(await app.db.liveConnection.count({ where: { subject: `token:${tokenRow.id}` } })).toBe(1);
    await c.stop();
    expect(await socket.closed).toMatchObject({ code: 1001, reason: "server shutting down" });
    expect(await app.db.liveConnection.count({ where: { subject: `token:${tokenRow.id}` } })).toBe(0);
  });
});

describe("SSE for the other live streams", () => {
  it("GET /discussions/events follows the discussion list", async () => {
    const stream = await openSse(`${a.origin}/api/v1/discussions/events?lastEventId=${await since()}`);
    expect(stream.status).toBe(200);
    const d = await newDiscussion("Listed live");
    const [created] = await stream.take(1);
    stream.close();
    expect(created?.event).toBe("discussion.created");
    expect(JSON.parse(created!.data)).toMatchObject({ discussion: { id: d, title: "Listed live" } });
  });

  it("GET /agent-jobs/{id}/events follows one job, and a reply draft only for its requester", async () => {
    const d = await newDiscussion("Draft stream");
    const draft = await call("POST", `/discussions/${d}/agent`, author.token, { type: "draft_reply" });
    const jobId = (draft.json.job as { id: string }).id;
    const own = await openSse(`${b.url}/api/v1/agent-jobs/${jobId}/events`, bearer(author.token));
    expect(own.status).toBe(200);
    const [queued] = await own.take(1); // replayed from the job's first event
    own.close();
    expect(queued?.event).toBe("agent.job.updated");
    expect(JSON.parse(queued!.data)).toMatchObject({ job: { id: jobId, type: "draft_reply", status: "queued" } });
    const other = await fetch(`${b.url}/api/v1/agent-jobs/${jobId}/events`, { headers: bearer(reader.token) });
    expect(other.status).toBe(404);
    expect(other.headers.get("content-type")).toBe("application/problem+json");
    const anonymous = await fetch(`${b.url}/api/v1/agent-jobs/${jobId}/events`);
    expect(anonymous.status).toBe(404);
  });
});
