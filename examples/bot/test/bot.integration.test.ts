import { agentEnvSchema, startAgentWorker } from "@parley/agent";
import { raiseRateLimits, startStandaloneServer, type StandaloneServer } from "@parley/api/testing";
import { createParleyClient, type ParleyClient, signIn } from "@parley/client";
import { createTestDatabase, type TestDatabase } from "@parley/db/testing";
import { EventSource } from "eventsource";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotProcess } from "./bot-process";

const PASSWORD = "correct-horse-battery-staple";
const BOT_EMAIL = "summary-bot@example.test";

let testDb: TestDatabase;
let server: StandaloneServer;
let alice: ParleyClient;
let botAccountId: string;
const bots: BotProcess[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase();
  // The test posts in bursts; the limiter stays on, with an admin's override.
  await raiseRateLimits(testDb.db);
  server = await startStandaloneServer(testDb.url);
  const anonymous = createParleyClient({ url: server.url, EventSource });
  await anonymous.auth.register.mutate({
    email: "alice@example.test",
    password: PASSWORD,
    displayName: "Alice",
  });
  await anonymous.auth.register.mutate({
    email: BOT_EMAIL,
    password: PASSWORD,
    displayName: "Summary Bot",
  });
  // Registering answers the same for every address; the account's id comes with signing in.
  botAccountId = (await signIn({ url: server.url, EventSource, email: BOT_EMAIL, password: PASSWORD }))
    .session.user.id;
  alice = (
    await signIn({ url: server.url, EventSource, email: "alice@example.test", password: PASSWORD })
  ).client;
}, 60_000);

afterAll(async () => {
  await Promise.all(bots.map((bot) => bot.stop("SIGKILL")));
  await server.stop();
  await testDb.drop();
});

function startBot(env: Record<string, string>): BotProcess {
  const bot = new BotProcess(env);
  bots.push(bot);
  return bot;
}

const summaryJobs = (discussionId: string) =>
  testDb.db.agentJob.findMany({
    where: { discussionId, type: "summary" },
    orderBy: { createdAt: "asc" },
  });

describe("the example bot against a live server", () => {
  it("asks for one summary per threshold crossing, follows each job and prints the summary when it completes", async () => {
    const discussion = await alice.discussion.create.mutate({
      title: "Login loops after the 2.3 upgrade",
      body: "Since upgrading to 2.3 the login page rejects my token.",
    });
    const post = (body: string) =>
      alice.message.create.mutate({ discussionId: discussion.id, body });
    const bot = startBot({
      PARLEY_API_URL: server.url,
      PARLEY_EMAIL: BOT_EMAIL,
      PARLEY_PASSWORD: PASSWORD,
      BOT_DISCUSSION_ID: discussion.id,
      BOT_SUMMARY_EVERY: "4",
    });
    await bot.line(/^watching "Login loops after the 2\.3 upgrade" \(1 messages\)/);

    await post("Same here: the token cookie expires at once, so the login loops.");
    await post("The upgrade changed the cookie domain setting.");
    await bot.line(/^3 messages in the thread/);
    expect(await summaryJobs(discussion.id)).toEqual([]);

    // 4 crosses the first threshold; 5 and 6 do not cross another.
    await post("Setting COOKIE_DOMAIN explicitly fixed the login for me.");
    await post("Confirmed: with COOKIE_DOMAIN set the token survives.");
    await post("Is a 2.3.1 with the old default planned?");
    const [, firstId] = await bot.line(/^thread passed 4 messages: requested summary job (\S+)$/);
    await bot.line(/^6 messages in the thread/);
    // The bot follows the job live (the worker is not running yet, so it stays queued).
    await bot.line(new RegExp(`^summary job ${firstId} is queued$`));

    // 8 crosses the second threshold. Requests are made one after another in order, so once
    // this one is printed, any request that 5 or 6 had wrongly caused would be printed too.
    await post("Yes, 2.3.1 restores the old cookie domain default.");
    await post("Released 2.3.1 today.");
    const [, secondId] = await bot.line(/^thread passed 8 messages: requested summary job (\S+)$/);
    expect(bot.matching(/^thread passed/)).toEqual([
      `thread passed 4 messages: requested summary job ${firstId}`,
      `thread passed 8 messages: requested summary job ${secondId}`,
    ]);
    const jobs = await summaryJobs(discussion.id);
    expect(
      jobs.map((j) => ({ id: j.id, status: j.status, requestedById: j.requestedById })),
    ).toEqual([
      { id: firstId, status: "queued", requestedById: botAccountId },
      { id: secondId, status: "queued", requestedById: botAccountId },
    ]);

    // Now a worker runs the queued jobs (the offline provider: no model, no network).
    const worker = await startAgentWorker({
      env: agentEnvSchema.parse({
        AGENT_PROVIDER: "offline",
        LOG_LEVEL: "warn",
        WORKER_CONCURRENCY: "1",
      }),
      connectionString: testDb.url,
      pollInterval: 100,
    });
    try {
      await bot.line(new RegExp(`^summary \\(job ${firstId}, \\d+ messages\\):$`));
      await bot.line(new RegExp(`^summary \\(job ${secondId}, 8 messages\\):$`));
    } finally {
      await worker.stop();
    }
    const done = await testDb.db.agentJob.findUniqueOrThrow({ where: { id: secondId } });
    expect(done.status).toBe("completed");
    const summary = (done.result as { summary: string }).summary;
    expect(summary.length).toBeGreaterThan(0);
    const header = bot.lines.findIndex((line) => line.startsWith(`summary (job ${secondId}`));
    expect(bot.lines.slice(header + 1, header + 1 + summary.split("\n").length).join("\n")).toBe(
      summary,
    );

    // SIGTERM: the bot unsubscribes, says so and exits on its own with code 0.
    expect(await bot.stop("SIGTERM")).toBe(0);
    expect(bot.lines.slice(-2)).toEqual(["SIGTERM: stopping", "stopped"]);
    expect(bot.stderr).toBe("");
  });

  it("refuses to start with invalid settings, naming the variable", async () => {
    const bot = startBot({
      PARLEY_API_URL: server.url,
      PARLEY_TOKEN: "t",
      BOT_DISCUSSION_ID: "not-a-uuid",
      BOT_SUMMARY_EVERY: "0",
    });
    expect(await bot.exited()).toBe(1);
    expect(bot.stderr).toMatch(/BOT_DISCUSSION_ID/);
    expect(bot.stderr).toMatch(/BOT_SUMMARY_EVERY/);
  });
});
