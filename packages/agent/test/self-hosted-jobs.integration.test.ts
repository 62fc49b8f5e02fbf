import { createTestDatabase, type TestDatabase } from "@parley/db/testing";
import { runMigrations } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { summaryResultSchema } from "../src/contracts";
import { readAgentEnv } from "../src/env";
import { createProvider } from "../src/providers/select";
import { jobEvents, jobRow, requestJob, runJobs, statuses, testSettings } from "./support/agent";
import { seedThread } from "./support/fixtures";
import { startOpenAiServer } from "./support/openai-server";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
  await runMigrations({ connectionString: testDb.url });
});
afterAll(() => testDb.drop());

describe("summaries through a local OpenAI-compatible server", () => {
  it("fails a job whose model keeps answering blank, after the retry policy, and never stores it", async () => {
    let blank = true;
    const model = await startOpenAiServer(() =>
      blank ? " \n " : "- The export crashes since 2.3 [M1]",
    );
    try {
      const provider = createProvider(
        readAgentEnv({
          AGENT_SELF_HOSTED_URL: model.url,
          AGENT_SELF_HOSTED_MODEL: "local-llm",
          AGENT_RETRY_ATTEMPTS: "3",
          AGENT_RETRY_BASE_MS: "1",
          AGENT_RETRY_MAX_DELAY_MS: "5",
        }),
      );
      const thread = await seedThread(testDb.db, [
        "Since 2.3 the export button crashes the page.",
        "Same here with Firefox.",
      ]);
      const failed = await requestJob(testDb.db, {
        discussionId: thread.discussionId,
        requestedById: thread.authorId,
        type: "summary",
      });
      await runJobs(testDb.url, testDb.db, provider, testSettings());
      const row = await jobRow(testDb.db, failed.id);
      expect(row).toMatchObject({ status: "failed", result: null });
      expect(row.error).toContain("the model returned an empty answer after 3 attempts");
      expect(model.requests).toHaveLength(3);
      expect(statuses(await jobEvents(testDb.db, failed.id))).toEqual([
        "queued",
        "running",
        "failed",
      ]);
      expect(
        await testDb.db.agentSummaryBlock.count({ where: { discussionId: thread.discussionId } }),
      ).toBe(0);

      // The next request (the API gives it a fresh key after a failure) gets a real summary.
      blank = false;
      const next = await requestJob(testDb.db, {
        discussionId: thread.discussionId,
        requestedById: thread.authorId,
        type: "summary",
      });
      await runJobs(testDb.url, testDb.db, provider, testSettings());
      const result = summaryResultSchema.parse((await jobRow(testDb.db, next.id)).result);
      expect(result.summary).toBe("- The export crashes since 2.3");
      expect(result.citations).toEqual([
        { claim: "The export crashes since 2.3", messageIds: [thread.messageIds[0]] },
      ]);
    } finally {
      await model.close();
    }
  });
});
