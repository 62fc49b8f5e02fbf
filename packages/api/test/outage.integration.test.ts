/**
 * A PostgreSQL outage under load, with real processes: the web process (REST, tRPC and
 * /api/ready on the production runtime: Prisma pool, LISTEN connection, event bus;
 * test/outage-web.entry.ts)
 * and the worker process (packages/agent/src/worker.ts, as docker-compose runs it), on an
 * embedded PostgreSQL that is stopped for OUTAGE_MS (60 s by default) and started again on the
 * same data folder and port. Nothing is restarted but the database.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createServer, type Server, type ServerResponse } from "node:http";
import { type AddressInfo } from "node:net";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDatabase, type Database, migrateAll } from "@parley/db";
import {
  ensureDatabaseExists,
  type EmbeddedServer,
  startEmbeddedPostgres,
} from "@parley/db/harness";
import { findFreePort } from "@parley/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInnerContext } from "../src/context";
import { PostgresEventBus } from "../src/events/bus";
import { createCaller } from "../src/index";
import { logger } from "../src/logger";
import { issueSessionToken } from "../src/services/accounts";
import { raiseRateLimits } from "../src/testing/rate-limits";

const OUTAGE_MS = Number(process.env.OUTAGE_MS ?? 60_000);
const here = path.dirname(fileURLToPath(import.meta.url));
const agentDir = path.resolve(here, "../../agent");

interface Proc {
  child: ChildProcess;
  output: () => string;
}

/** A Node process running `entry` with tsx; all of its output is kept (and never left unread). */
function startProcess(entry: string, cwd: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), entry], {
    cwd,
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

async function waitForLine(proc: Proc, pattern: RegExp): Promise<RegExpExecArray> {
  const started = Date.now();
  for (;;) {
    const match = pattern.exec(proc.output());
    if (match) return match;
    if (proc.child.exitCode !== null || Date.now() - started > 60_000)
      throw new Error(`no ${String(pattern)} from the process:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A live stream reader that reconnects from its last event id, as EventSource does. */
function followEvents(url: string, token: string) {
  const ids: string[] = [];
  const data: string[] = [];
  const controller = new AbortController();
  let lastEventId: string | null = null;
  let reconnects = 0;
  let connected: () => void = () => undefined;
  const firstConnect = new Promise<void>((resolve) => (connected = resolve));
  const stopped = () => controller.signal.aborted;
  const run = async () => {
    while (!stopped()) {
      try {
        const res = await fetch(url, {
          headers: {
            accept: "text/event-stream",
            authorization: `Bearer ${token}`,
            ...(lastEventId ? { "last-event-id": lastEventId } : {}),
          },
          signal: controller.signal,
        });
        if (res.ok && res.body) {
          const decoder = new TextDecoder();
          let buffer = "";
          for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
            connected(); // the server subscribed before its first write
            buffer += decoder.decode(chunk, { stream: true });
            let end: number;
            while ((end = buffer.indexOf("\n\n")) !== -1) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const id = /^id: ?(.*)$/m.exec(block)?.[1];
              const payload = /^data: ?(.*)$/m.exec(block)?.[1];
              if (id && payload) {
                ids.push(id);
                data.push(payload);
                lastEventId = id;
              }
            }
          }
        } else await res.body?.cancel();
      } catch {
        // the connection dropped or the test ended: reconnect below, or stop
      }
      if (stopped()) return;
      reconnects++;
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  const done = run();
  return {
    ids,
    data,
    connected: firstConnect,
    reconnects: () => reconnects,
    async close() {
      controller.abort();
      await done;
    },
  };
}

/**
 * An OpenAI-compatible model server (as `ollama serve` is) whose answers wait for `open()`:
 * the test stops PostgreSQL while jobs are in the middle of their model call, then lets them
 * finish during the outage, so that their completion writes meet the outage.
 */
function gatedModelServer() {
  let gateOpen = false;
  let held: ServerResponse[] = [];
  let requests = 0;
  const answer = (res: ServerResponse) => {
    const chunk = (content: string) =>
      `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 0, model: "test-model", choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
    res.writeHead(200, { "Content-Type": "text/event-stream" });
    res.end(`${chunk("- The outage was ridden out ")}${chunk("[M1]")}data: [DONE]\n\n`);
  };
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      requests++;
      if (gateOpen) answer(res);
      else held.push(res);
    });
  });
  return {
    server,
    held: () => held.length,
    requests: () => requests,
    open() {
      gateOpen = true;
      for (const res of held) answer(res);
      held = [];
    },
    close() {
      gateOpen = true;
      server.closeAllConnections();
      server.close();
    },
  };
}

let tempDir: string;
let model: ReturnType<typeof gatedModelServer> | undefined;
let pgPort: number;
let pg: EmbeddedServer | null = null;
let url: string;
let db: Database;
let web: Proc | undefined;
let worker: Proc | undefined;

const startPostgres = async () => {
  pg = await startEmbeddedPostgres({
    dir: path.join(tempDir, "pg"),
    port: pgPort,
    persistent: false,
  });
};

beforeAll(async () => {
  tempDir = await mkdtemp(path.join(os.tmpdir(), "parley-outage-"));
  // The embedded server runs as the `postgres` user when we are root: it must enter the folder.
  await chmod(tempDir, 0o755);
  pgPort = await findFreePort();
  await startPostgres();
  url = await ensureDatabaseExists(pg!.adminUrl, "parley_outage");
  await migrateAll(url);
  db = createDatabase(url, { max: 4 });
  await raiseRateLimits(db);
}, 120_000);

afterAll(async () => {
  for (const proc of [web, worker]) {
    if (proc && proc.child.exitCode === null && proc.child.signalCode === null) {
      proc.child.kill("SIGTERM");
      const killer = setTimeout(() => proc.child.kill("SIGKILL"), 10_000);
      await once(proc.child, "exit");
      clearTimeout(killer);
    }
  }
  model?.close();
  await db.$disconnect();
  await pg?.stop();
  await rm(tempDir, { recursive: true, force: true });
}, 60_000);

describe("a 60 s PostgreSQL outage under load", () => {
  it("no process exits, every acknowledged write is there, every job finishes once, live streams miss nothing", async () => {
    const secret = randomBytes(32).toString("base64url");
    model = gatedModelServer();
    model.server.listen(0, "127.0.0.1");
    await once(model.server, "listening");
    web = startProcess(path.join(here, "outage-web.entry.ts"), here, {
      DATABASE_URL: url,
      APP_SECRET_KEY: secret,
    });
    worker = startProcess("src/worker.ts", agentDir, {
      DATABASE_URL: url,
      APP_SECRET_KEY: secret,
      AGENT_PROVIDER: "self-hosted",
      AGENT_SELF_HOSTED_URL: `http://127.0.0.1:${(model.server.address() as AddressInfo).port}/v1`,
      AGENT_SELF_HOSTED_MODEL: "test-model",
      AGENT_CALL_TIMEOUT_MS: "600000",
      WORKER_CONCURRENCY: "4",
      WORKER_HEARTBEAT_INTERVAL_MS: "500",
      WORKER_HEARTBEAT_STALE_MS: "3000",
      WORKER_SWEEP_INTERVAL_MS: "500",
    });
    const base = (await waitForLine(web, /listening (\S+)/))[1]!;
    // The worker's pool is up once it beats.
    await expect.poll(() => db.workerHeartbeat.count(), { timeout: 60_000 }).toBeGreaterThan(0);

    // One member, one discussion, a live stream on it.
    const bus = new PostgresEventBus(db, url, logger.child({ test: "outage" }));
    const anonymous = createCaller(createInnerContext({ db, events: bus, viewer: null }));
    await anonymous.auth.register({
      email: "ann@example.test",
      password: "correct-horse-battery-staple",
      displayName: "Ann",
    });
    // Registration answers alike for new and taken addresses (no account in it): read it back.
    const user = await db.user.findUniqueOrThrow({ where: { email: "ann@example.test" }, select: { id: true } });
    const { token } = await issueSessionToken(db, user.id);
    const call = (method: string, route: string, body?: unknown) =>
      fetch(`${base}${route.startsWith("/api/") ? "" : "/api/v1"}${route}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { "content-type": "application/json" } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const created = await call("POST", "/discussions", {
      title: "Through the outage",
      body: "Opening post.",
    });
    expect(created.status).toBe(200);
    const discussionId = ((await created.json()) as { id: string }).id;
    const stream = followEvents(`${base}/api/v1/discussions/${discussionId}/events`, token);
    await stream.connected;

    // Load: posters and agent requests, before, during and after the outage.
    const acknowledged = { messages: [] as string[], jobs: [] as string[] };
    const refusals = new Map<string, number>();
    let loading = true;
    let n = 0;
    const poster = async () => {
      while (loading) {
        const i = ++n;
        // Every other post through tRPC, as the web app sends them.
        const viaTrpc = i % 2 === 0;
        const res = await (
          viaTrpc
            ? call("POST", "/api/trpc/message.create", { discussionId, body: `Post ${i}` })
            : call("POST", `/discussions/${discussionId}/messages`, { body: `Post ${i}` })
        ).catch(() => null);
        if (res?.status === 200) {
          const json = (await res.json()) as { id: string } | { result: { data: { id: string } } };
          acknowledged.messages.push("result" in json ? json.result.data.id : json.id);
        } else if (res) {
          // A refusal must say when to retry.
          const kind = `${viaTrpc ? "trpc" : "rest"} ${res.status}${res.headers.has("retry-after") ? " retry-after" : ""}`;
          refusals.set(kind, (refusals.get(kind) ?? 0) + 1);
          await res.body?.cancel();
        }
        if (i % 5 === 0) {
          const job = await call("POST", `/discussions/${discussionId}/agent`, {
            type: "summary",
          }).catch(() => null);
          if (job?.status === 200) {
            const { job: view, created: isNew } = (await job.json()) as {
              job: { id: string };
              created: boolean;
            };
            if (isNew) acknowledged.jobs.push(view.id);
          } else await job?.body?.cancel();
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const posters = [poster(), poster()];

    // Jobs are running (held in their model call) when the database goes away...
    await expect.poll(() => model!.held(), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    await pg!.stop();
    const stoppedAt = Date.now();
    // ...and finish while it is away: their completion writes fail.
    const heldAtStop = model.held();
    model.open();
    // The web process says what is down.
    await expect
      .poll(
        async () => {
          const ready = await call("GET", "/api/ready");
          return { status: ready.status, body: (await ready.json()) as unknown };
        },
        { timeout: 30_000, interval: 500 },
      )
      .toMatchObject({
        status: 503,
        body: {
          ok: false,
          database: false,
          down: expect.arrayContaining(["database", "listener"]) as unknown,
        },
      });
    const remaining = OUTAGE_MS - (Date.now() - stoppedAt);
    await new Promise((r) => setTimeout(r, Math.max(0, remaining)));
    await startPostgres();
    console.info(
      `[figures] outage: PostgreSQL down ${Date.now() - stoppedAt} ms; ${acknowledged.messages.length} posts acknowledged so far`,
    );

    // Load carries on until writes are acknowledged again, then stops.
    const before = acknowledged.messages.length;
    await expect
      .poll(() => acknowledged.messages.length, { timeout: 60_000 })
      .toBeGreaterThan(before + 5);
    loading = false;
    await Promise.all(posters);

    // Every refusal said "unavailable, retry later": never a 500.
    expect(
      [...refusals.keys()].filter((kind) => !/^(rest|trpc) 503 retry-after$/.test(kind)),
    ).toEqual([]);
    expect([...refusals.keys()].sort()).toEqual(["rest 503 retry-after", "trpc 503 retry-after"]);
    // Every acknowledged write is in the database.
    const stored = await db.message.findMany({
      where: { id: { in: acknowledged.messages } },
      select: { id: true },
    });
    expect(stored.length).toBe(acknowledged.messages.length);
    // Every queued job finished, once.
    await expect
      .poll(
        async () =>
          (
            await db.agentJob.findMany({
              where: { id: { in: acknowledged.jobs } },
              select: { status: true },
            })
          ).map((j) => j.status),
        {
          timeout: 120_000,
          interval: 500,
        },
      )
      .toEqual(acknowledged.jobs.map(() => "completed"));
    await expect
      .poll(
        () =>
          db.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier IN ('summarize', 'draft_reply', 'classify') OR locked_by IS NOT NULL`.then(
            (r) => Number(r[0]?.n),
          ),
        {
          timeout: 60_000,
        },
      )
      .toBe(0);
    const completions = await db.$queryRaw<{ job_id: string; n: bigint }[]>`
      SELECT payload->'job'->>'id' AS job_id, count(*) AS n FROM events
      WHERE topic = 'agent.job.updated' AND payload->'job'->>'status' = 'completed'
      GROUP BY 1`;
    expect(completions.filter((c) => c.n !== 1n)).toEqual([]);
    expect(new Set(completions.map((c) => c.job_id))).toEqual(new Set(acknowledged.jobs));

    // The live stream saw every acknowledged post (reconnecting from its last id if it had to).
    const unseen = () =>
      acknowledged.messages.filter((id) => !stream.data.some((d) => d.includes(id)));
    await expect
      .poll(() => unseen().length, { timeout: 30_000 })
      .toBe(0)
      .catch(async (error: unknown) => {
        const rows = await db.$queryRaw<
          { tx: string; id: bigint; topic: string; payload: unknown }[]
        >`
        SELECT tx::text AS tx, id, topic, payload FROM events WHERE payload->'message'->>'id' = ANY(${unseen()}) OR payload->>'messageId' = ANY(${unseen()})`;
        console.error(
          "unseen",
          unseen(),
          rows,
          "stream ids",
          stream.ids.slice(-30),
          "reconnects",
          stream.reconnects(),
          web?.output().slice(-4000),
        );
        throw error;
      });
    expect(new Set(stream.ids).size).toBe(stream.ids.length);
    await stream.close();
    console.info(
      `[figures] outage: ${acknowledged.messages.length} posts and ${acknowledged.jobs.length} agent jobs acknowledged; ` +
        `${heldAtStop} jobs were in their model call at the stop; model calls ${model.requests()}; ` +
        `worker: ${worker.output().match(/while the database was unavailable/g)?.length ?? 0} lost job writes, ` +
        `${worker.output().match(/settled jobs whose completion was lost/g)?.length ?? 0} settlements; ` +
        `refusals ${JSON.stringify(Object.fromEntries(refusals))}; stream reconnects ${stream.reconnects()}`,
    );

    // OUTAGE_LOG=<file> keeps the worker's log for a look at what it went through.
    if (process.env.OUTAGE_LOG) await writeFile(process.env.OUTAGE_LOG, worker.output());
    // The scenario happened: job writes met the outage, and the pool settled those jobs.
    expect(worker.output()).toContain("while the database was unavailable");
    expect(worker.output()).toContain("settled jobs whose completion was lost");
    // Neither process exited; both still serve.
    expect(web.child.exitCode ?? web.child.signalCode, web.output()).toBeNull();
    expect(worker.child.exitCode ?? worker.child.signalCode, worker.output()).toBeNull();
    expect((await call("GET", `/discussions/${discussionId}`)).status).toBe(200);
    await expect
      .poll(async () => (await call("GET", "/api/ready")).status, { timeout: 30_000 })
      .toBe(200);
  }, 360_000);
});
