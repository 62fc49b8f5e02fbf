/**
 * Agent throughput and latency with the built-in offline provider, on a throwaway embedded
 * PostgreSQL (or the server in DATABASE_URL):
 *   1. jobs per second through the worker, per job type (N jobs queued, then one worker);
 *   2. request to first streamed delta event, one request at a time with the worker idle;
 * Summary token costs (full run versus an update) are measured by bench/agent-summary.ts.
 *
 * Run: pnpm --filter @parley/agent bench [-- --jobs 500 --concurrency 10]
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { createDatabase, migrate, type Database } from "../packages/db/src/index";
import { createEmptyDatabase, dropDatabase } from "../packages/db/src/testing/databases";
import { startTestServer } from "../packages/db/src/testing/server";
import { type AgentJobType } from "../packages/agent/src/contracts";
import { enqueueAgentJob } from "../packages/agent/src/enqueue";
import { readAgentEnv } from "../packages/agent/src/env";
import { OfflineProvider } from "../packages/agent/src/providers/offline";
import { installWorkerSchema, startAgentWorker } from "../packages/agent/src/runtime";

const { values } = parseArgs({
  options: {
    jobs: { type: "string", default: "500" },
    concurrency: { type: "string", default: "10" },
  },
});
const JOBS = Number(values.jobs);
const CONCURRENCY = values.concurrency;
const SENTENCES = [
  "Since the upgrade to 2.3 the login page rejects valid tokens.",
  "The session cookie expires right after sign-in, so the login loops.",
  "Setting COOKIE_DOMAIN explicitly fixed it on our staging server.",
  "Could this be the reverse proxy rewriting the Set-Cookie header?",
  "Version 2.3.1 restores the old default for the cookie domain.",
  "We still see it with SSO logins through the identity provider.",
];

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "n/a");

async function seed(db: Database, discussions: number, messagesEach: number) {
  const tag = randomBytes(3).toString("hex");
  const user = await db.user.create({
    data: { email: `bench-${tag}@example.com`, handle: `bench_${tag}`, displayName: "Bench" },
  });
  await db.label.createMany({
    data: [
      { name: "login", description: "Sign-in, token and cookie problems" },
      { name: "sso", description: "Single sign-on and identity provider issues" },
      { name: "billing", description: "Invoices and payments" },
    ],
    skipDuplicates: true,
  });
  const ids: string[] = [];
  for (let d = 0; d < discussions; d++) {
    const discussion = await db.discussion.create({
      data: { title: `Login loop #${d}`, createdById: user.id },
    });
    ids.push(discussion.id);
    await db.message.createMany({
      data: Array.from({ length: messagesEach }, (_, m) => ({
        discussionId: discussion.id,
        authorId: user.id,
        body: `${SENTENCES[m % SENTENCES.length]} ${SENTENCES[(m + d) % SENTENCES.length]}`,
        createdAt: new Date(Date.UTC(2026, 0, 1) + m * 1000),
      })),
    });
  }
  return { userId: user.id, discussionIds: ids };
}

async function enqueueAll(
  db: Database,
  userId: string,
  discussionIds: string[],
  type: AgentJobType,
) {
  const started = performance.now();
  for (const discussionId of discussionIds) {
    await db.$transaction((tx) =>
      enqueueAgentJob(tx, {
        discussionId,
        requestedById: userId,
        type,
        jobKey: `${type}:${discussionId}`,
      }),
    );
  }
  return (discussionIds.length / (performance.now() - started)) * 1000;
}

async function waitFor(check: () => Promise<boolean>) {
  while (!(await check())) await new Promise((r) => setTimeout(r, 20));
}

async function throughput(url: string, db: Database, env: ReturnType<typeof readAgentEnv>) {
  const { userId, discussionIds } = await seed(db, JOBS, 12);
  console.info(
    `\n1. Throughput: ${JOBS} jobs of each type, ${discussionIds.length} threads of 12 messages, concurrency ${CONCURRENCY}`,
  );
  for (const type of ["summary", "draft_reply", "classify"] as const) {
    const enqueueRate = await enqueueAll(db, userId, discussionIds, type);
    const started = performance.now();
    const worker = await startAgentWorker({
      env,
      connectionString: url,
      provider: new OfflineProvider(),
      pollInterval: 100,
    });
    await waitFor(
      async () =>
        (await db.agentJob.count({ where: { type, status: { in: ["queued", "running"] } } })) === 0,
    );
    const seconds = (performance.now() - started) / 1000;
    await worker.stop();
    const failed = await db.agentJob.count({ where: { type, status: { notIn: ["completed"] } } });
    console.info(
      `   ${type.padEnd(12)} ${fmt(JOBS / seconds).padStart(7)} jobs/s through the worker (${seconds.toFixed(2)} s, ` +
        `not completed: ${failed}); enqueue ${fmt(enqueueRate)} requests/s, one transaction each`,
    );
  }
}

async function firstTokenLatency(url: string, db: Database, env: ReturnType<typeof readAgentEnv>) {
  const samples = 30;
  const { userId, discussionIds } = await seed(db, samples, 12);
  const worker = await startAgentWorker({
    env,
    connectionString: url,
    provider: new OfflineProvider(),
  });
  await new Promise((r) => setTimeout(r, 500));
  for (const discussionId of discussionIds) {
    const { job } = await db.$transaction((tx) =>
      enqueueAgentJob(tx, {
        discussionId,
        requestedById: userId,
        type: "summary",
        jobKey: `latency:${discussionId}`,
      }),
    );
    await waitFor(
      async () =>
        (await db.agentJob.findUniqueOrThrow({ where: { id: job.id } })).status === "completed",
    );
  }
  // Database timestamps (one clock, millisecond precision): request row, first delta, completion.
  const rows = await db.$queryRaw<{ first_delta_ms: number; completed_ms: number }[]>`
    SELECT extract(epoch FROM (SELECT min(e.created_at) FROM events e
                               WHERE e.topic = 'agent.job.delta' AND e.payload->>'jobId' = j.id::text) - j.created_at) * 1000
             AS first_delta_ms,
           extract(epoch FROM j.completed_at - j.created_at) * 1000 AS completed_ms
    FROM agent_jobs j WHERE j.job_key LIKE 'latency:%'`;
  const latencies = rows.map((r) => Number(r.first_delta_ms));
  const ends = rows.map((r) => Number(r.completed_ms));
  await worker.stop();
  latencies.sort((a, b) => a - b);
  ends.sort((a, b) => a - b);
  console.info(
    `\n2. Request to first streamed delta event (offline provider, idle worker woken by LISTEN, ${samples} requests)`,
  );
  console.info(
    `   first delta: p50 ${fmt(quantile(latencies, 0.5))} ms, p95 ${fmt(quantile(latencies, 0.95))} ms`,
  );
  console.info(
    `   completed:   p50 ${fmt(quantile(ends, 0.5))} ms, p95 ${fmt(quantile(ends, 0.95))} ms`,
  );
}

async function main() {
  const server = await startTestServer();
  const name = `parley_bench_${randomBytes(4).toString("hex")}`;
  const url = await createEmptyDatabase(server.adminUrl, name);
  await migrate(url);
  await installWorkerSchema(url);
  const db = createDatabase(url);
  const env = readAgentEnv({
    DATABASE_URL: url,
    WORKER_CONCURRENCY: CONCURRENCY,
    LOG_LEVEL: "warn",
    AGENT_PROVIDER: "offline",
  });
  try {
    console.info(
      `Parley agent bench on PostgreSQL (${server.embedded ? "embedded" : "DATABASE_URL"}), Node ${process.version}`,
    );
    await throughput(url, db, env);
    await firstTokenLatency(url, db, env);
  } finally {
    await db.$disconnect();
    await dropDatabase(server.adminUrl, name).catch(() => undefined);
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
