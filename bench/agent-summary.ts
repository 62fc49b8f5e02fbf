/**
 * What a whole-thread summary costs, full run versus update, through the real summarize task
 * (blocks stored in PostgreSQL, the real prompts, map-reduce within the token budget) with a
 * model stand-in that answers instantly and counts the tokens it is sent:
 *   1. a full run over an N-message thread (default 2,000);
 *   2. an update after K new messages (default 10): input tokens as a share of the full run.
 * Target (issue 16): update <= 0.15 of the full run.
 *
 * Run: pnpm --filter @parley/agent bench:summary [-- --messages 2000 --new 10 --block 50]
 * (embedded PostgreSQL, or the server in DATABASE_URL)
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { createDatabase, migrate, type Database } from "../packages/db/src/index";
import { createEmptyDatabase, dropDatabase } from "../packages/db/src/testing/databases";
import { startTestServer } from "../packages/db/src/testing/server";
import { runOnce } from "graphile-worker";
import { summaryResultSchema, type SummaryResult } from "../packages/agent/src/contracts";
import { enqueueAgentJob } from "../packages/agent/src/enqueue";
import { ModelProvider } from "../packages/agent/src/providers/model-provider";
import { installWorkerSchema } from "../packages/agent/src/runtime";
import { createTaskList } from "../packages/agent/src/tasks";
import { agentTestSettings } from "../packages/agent/src/testing";
import { estimateTokens } from "../packages/agent/src/tokens";

// pnpm passes a literal "--" through to the script.
const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    messages: { type: "string", default: "2000" },
    new: { type: "string", default: "10" },
    block: { type: "string", default: "50" },
    budget: { type: "string", default: "6000" },
  },
});
const MESSAGES = Number(values.messages);
const NEW = Number(values.new);
const BLOCK = Number(values.block);
const BUDGET = Number(values.budget);

const SENTENCES = [
  "Since the upgrade to 2.3 the login page rejects valid tokens.",
  "The session cookie expires right after sign-in, so the login loops.",
  "Setting COOKIE_DOMAIN explicitly fixed it on our staging server.",
  "Could this be the reverse proxy rewriting the Set-Cookie header?",
  "Version 2.3.1 restores the old default for the cookie domain.",
  "We still see it with SSO logins through the identity provider.",
  "The nginx config strips the domain attribute from cookies.",
  "Clearing the browser cache did not change anything for me.",
];
const body = (i: number) =>
  `${SENTENCES[i % SENTENCES.length]} ${SENTENCES[(i * 3 + 1) % SENTENCES.length]} (report ${i})`;

/** Counts what each call is sent; answers with claims citing references of its prompt. */
function countingProvider() {
  const usage = { input: 0, calls: 0 };
  const provider = new ModelProvider(
    {
      name: "bench",
      model: () => "stand-in",
      chat(_workflow, request) {
        const input = estimateTokens(request.messages.map((m) => m.content).join("\n"));
        usage.input += input;
        usage.calls++;
        const refs = [...(request.messages[1]?.content ?? "").matchAll(/\b(M\d+)\b/g)].map(
          (m) => m[1],
        );
        const pick = (i: number) => refs[Math.floor((i * refs.length) / 5)] ?? "M1";
        const text = SENTENCES.slice(0, 5)
          .map((s, i) => `- ${s} [${pick(i)}]`)
          .join("\n");
        return Promise.resolve({ text, tokens: { input, output: estimateTokens(text) } });
      },
    },
    { tokenBudget: BUDGET, maxOutputTokens: 600 },
  );
  return { provider, usage };
}

async function addMessages(
  db: Database,
  discussionId: string,
  authorId: string,
  from: number,
  count: number,
) {
  await db.message.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      discussionId,
      authorId,
      body: body(from + i),
      createdAt: new Date(Date.UTC(2026, 0, 1) + (from + i) * 1000),
    })),
  });
}

async function summarize(
  url: string,
  db: Database,
  discussionId: string,
  userId: string,
  key: string,
) {
  const { provider, usage } = countingProvider();
  const { job } = await db.$transaction((tx) =>
    enqueueAgentJob(tx, { discussionId, requestedById: userId, type: "summary", jobKey: key }),
  );
  const started = performance.now();
  await runOnce({
    connectionString: url,
    taskList: createTaskList({
      db,
      provider,
      settings: agentTestSettings({ summaryBlockMessages: BLOCK }),
    }),
  });
  const ms = performance.now() - started;
  const row = await db.agentJob.findUniqueOrThrow({ where: { id: job.id } });
  if (row.status !== "completed") throw new Error(`summary job ${row.status}: ${row.error ?? ""}`);
  return { result: summaryResultSchema.parse(row.result) as SummaryResult, usage, ms };
}

async function main() {
  const server = await startTestServer();
  const name = `parley_bench_${randomBytes(4).toString("hex")}`;
  const url = await createEmptyDatabase(server.adminUrl, name);
  await migrate(url);
  await installWorkerSchema(url);
  const db = createDatabase(url);
  try {
    const tag = randomBytes(3).toString("hex");
    const user = await db.user.create({
      data: { email: `bench-${tag}@example.com`, handle: `bench_${tag}`, displayName: "Bench" },
    });
    const discussion = await db.discussion.create({
      data: { title: "Login loop after 2.3", createdById: user.id },
    });
    await addMessages(db, discussion.id, user.id, 0, MESSAGES);

    const full = await summarize(url, db, discussion.id, user.id, "full");
    await addMessages(db, discussion.id, user.id, MESSAGES, NEW);
    const update = await summarize(url, db, discussion.id, user.id, "update");
    const ratio = update.usage.input / full.usage.input;

    console.info(
      `Summary cost, ${MESSAGES}-message thread, blocks of ${BLOCK}, budget ${BUDGET} tokens per call, Node ${process.version}`,
    );
    console.info(
      `  full run:  ${full.usage.input} input tokens in ${full.usage.calls} calls; covers ${full.result.coverage?.messages} messages; ` +
        `${full.result.work?.blocksBuilt} blocks built (${full.ms.toFixed(0)} ms)`,
    );
    console.info(
      `  update (+${NEW}): ${update.usage.input} input tokens in ${update.usage.calls} calls; covers ${update.result.coverage?.messages} messages; ` +
        `${update.result.work?.blocksBuilt} built, ${update.result.work?.blocksReused} reused, merge ${update.result.work?.merge} (${update.ms.toFixed(0)} ms)`,
    );
    console.info(
      `  update / full = ${ratio.toFixed(3)} (target <= 0.15): ${ratio <= 0.15 ? "ok" : "OVER"}`,
    );
    if (ratio > 0.15) process.exitCode = 1;
  } finally {
    await db.$disconnect();
    await dropDatabase(server.adminUrl, name).catch(() => undefined);
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
