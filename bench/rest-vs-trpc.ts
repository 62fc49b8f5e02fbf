/**
 * Latency overhead of a REST call (/api/v1) against the same tRPC call (/api/trpc), both as
 * fetch handlers behind one node:http server (as the Next route handlers serve them), on a
 * throwaway embedded PostgreSQL (or the server in DATABASE_URL). Calls alternate between the
 * transports in small blocks so that drift (GC, caches, autovacuum) hits both alike.
 *
 * Run: pnpm --filter @parley/api bench [-- --calls 2000]
 */
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { createDatabase, migrateAll } from "../packages/db/src/index";
import { createEmptyDatabase, dropDatabase } from "../packages/db/src/testing/databases";
import { startTestServer } from "../packages/db/src/testing/server";
import { PostgresEventBus } from "../packages/api/src/events/bus";
import { logger } from "../packages/api/src/logger";
import { createCaller } from "../packages/api/src/index";
import { createInnerContext } from "../packages/api/src/context";
import { resolveViewer } from "../packages/api/src/auth/viewer";
import { issueSessionToken } from "../packages/api/src/services/accounts";
import { startDualServer } from "../packages/api/test/rest/dual-server";

const { values } = parseArgs({ options: { calls: { type: "string", default: "2000" } } });
const CALLS = Number(values.calls);
const BLOCK = 50;

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function main() {
  const pg = await startTestServer();
  const name = `parley_bench_rest_${process.pid}`;
  const url = await createEmptyDatabase(pg.adminUrl, name);
  await migrateAll(url);
  const db = createDatabase(url);
  const events = new PostgresEventBus(db, url, logger.child({ bench: true }));
  await events.start();
  const runtime = { db, events, env: { APP_SECRET_KEY: "bench-secret-".padEnd(40, "x") } };

  const server = await startDualServer(runtime);
  const { base } = server;

  // One account, one discussion with 20 messages.
  const anon = createCaller(createInnerContext({ db, events, viewer: null }));
  await anon.auth.register({
    email: "bench@example.com",
    password: "a quiet evening run 42",
    displayName: "Bench",
  });
  const user = await db.user.findUniqueOrThrow({ where: { email: "bench@example.com" } });
  const { token } = await issueSessionToken(db, user.id);
  const caller = createCaller(
    createInnerContext({
      db,
      events,
      viewer: await resolveViewer(db, { bearerToken: token, sessionUserId: null }),
    }),
  );
  const discussion = await caller.discussion.create({ title: "Benchmark thread", body: "first" });
  for (let i = 0; i < 19; i++)
    await caller.message.create({ discussionId: discussion.id, body: `message ${i}` });
  const auth = { authorization: `Bearer ${token}` };
  const trpcInput = (input: unknown) => `input=${encodeURIComponent(JSON.stringify(input))}`;

  const cases: { name: string; rest: () => Promise<Response>; trpc: () => Promise<Response> }[] = [
    {
      name: "get a discussion",
      rest: () => fetch(`${base}/api/v1/discussions/${discussion.id}`, { headers: auth }),
      trpc: () =>
        fetch(`${base}/api/trpc/discussion.get?${trpcInput({ id: discussion.id })}`, {
          headers: auth,
        }),
    },
    {
      name: "list 20 messages",
      rest: () =>
        fetch(`${base}/api/v1/discussions/${discussion.id}/messages?limit=20`, { headers: auth }),
      trpc: () =>
        fetch(
          `${base}/api/trpc/message.list?${trpcInput({ discussionId: discussion.id, limit: 20 })}`,
          { headers: auth },
        ),
    },
    {
      name: "post a message",
      rest: () =>
        fetch(`${base}/api/v1/discussions/${discussion.id}/messages`, {
          method: "POST",
          headers: { ...auth, "content-type": "application/json" },
          body: JSON.stringify({ body: "bench" }),
        }),
      trpc: () =>
        fetch(`${base}/api/trpc/message.create`, {
          method: "POST",
          headers: { ...auth, "content-type": "application/json" },
          body: JSON.stringify({ discussionId: discussion.id, body: "bench" }),
        }),
    },
  ];

  console.log(
    `REST vs tRPC, ${CALLS} sequential calls each after 200 warm-up calls (ms, client-measured)\n`,
  );
  console.log(
    "case              | tRPC p50 | REST p50 | tRPC p99 | REST p99 | p50 ratio | p50 overhead",
  );
  for (const c of cases) {
    const samples = { rest: [] as number[], trpc: [] as number[] };
    const time = async (kind: "rest" | "trpc", record: boolean) => {
      const started = performance.now();
      const res = await c[kind]();
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${c.name} ${kind}: HTTP ${res.status}`);
      if (record) samples[kind].push(performance.now() - started);
    };
    for (let i = 0; i < 100; i++) {
      await time("rest", false);
      await time("trpc", false);
    }
    for (let done = 0; done < CALLS; done += BLOCK) {
      for (const kind of done % (2 * BLOCK) === 0
        ? (["rest", "trpc"] as const)
        : (["trpc", "rest"] as const)) {
        for (let i = 0; i < BLOCK; i++) await time(kind, true);
      }
    }
    const r = samples.rest.sort((x, y) => x - y);
    const t = samples.trpc.sort((x, y) => x - y);
    const [r50, r99, t50, t99] = [
      quantile(r, 0.5),
      quantile(r, 0.99),
      quantile(t, 0.5),
      quantile(t, 0.99),
    ];
    console.log(
      `${c.name.padEnd(17)} | ${t50.toFixed(2).padStart(8)} | ${r50.toFixed(2).padStart(8)} | ${t99.toFixed(2).padStart(8)} | ${r99
        .toFixed(2)
        .padStart(
          8,
        )} | ${(r50 / t50).toFixed(2).padStart(9)} | ${(r50 - t50).toFixed(2).padStart(9)} ms`,
    );
  }

  await server.close();
  await events.close();
  await db.$disconnect();
  await dropDatabase(pg.adminUrl, name).catch(() => undefined);
  await pg.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
