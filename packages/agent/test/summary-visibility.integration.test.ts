import { createTestDatabase, type TestDatabase } from "@parley/db/testing";
import { runMigrations } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { summaryResultSchema, type SummaryResult } from "../src/contracts";
import { OfflineProvider } from "../src/providers/offline";
import { summaryFreshness } from "../src/summaries/sources";
import { jobRow, requestJob, runJobs, testSettings } from "./support/agent";
import { addMessages, seedThread, type SeededThread } from "./support/fixtures";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
  await runMigrations({ connectionString: testDb.url });
});
afterAll(() => testDb.drop());

const provider = new OfflineProvider();
const settings = testSettings({ summaryBlockMessages: 2 });
const BODIES = [
  "Since the upgrade to 2.3 the login page rejects valid session tokens.",
  "The session cookie expires right after sign-in, so the login loops forever.",
  "SECRET-DETAIL: our staging login works after setting COOKIE_DOMAIN explicitly.",
  "Setting COOKIE_DOMAIN also fixed the login loop on our production cluster.",
  "Version 2.3.1 restores the old default for the cookie domain and the login.",
  "Confirmed: the login works with 2.3.1 and no COOKIE_DOMAIN setting at all.",
];

async function summarize(thread: SeededThread): Promise<{ id: string; result: SummaryResult }> {
  const job = await requestJob(testDb.db, {
    discussionId: thread.discussionId,
    requestedById: thread.authorId,
    type: "summary",
  });
  await runJobs(testDb.url, testDb.db, provider, settings);
  const row = await jobRow(testDb.db, job.id);
  expect(row.status).toBe("completed");
  return { id: job.id, result: summaryResultSchema.parse(row.result) };
}

async function freshness(job: { id: string; result: SummaryResult }, discussionId: string) {
  const map = await summaryFreshness(testDb.db, [
    {
      jobId: job.id,
      discussionId,
      blockIds: job.result.blocks?.map((b) => b.id) ?? [],
      lastMessageId: job.result.coversUpToMessageId,
    },
  ]);
  return map.get(job.id);
}

/** Each way a covered message can stop being what the summary read, applied to message 3. */
const changes: Record<string, (db: TestDatabase["db"], id: string) => Promise<unknown>> = {
  deleted: (db, id) => db.message.update({ where: { id }, data: { deletedAt: new Date() } }),
  held: (db, id) => db.message.update({ where: { id }, data: { status: "held" } }),
  hidden: (db, id) =>
    db.message.update({ where: { id }, data: { metadata: { moderation: { status: "hidden" } } } }),
  redacted: (db, id) =>
    db.message.update({
      where: { id },
      data: { body: "[message withheld by moderation]", editedAt: new Date() },
    }),
  edited: (db, id) =>
    db.message.update({
      where: { id },
      data: { body: "Edited: staging needed a restart after the change.", editedAt: new Date() },
    }),
};

describe("summaries follow the visibility of their sources", () => {
  it("covers every message of a long thread, block by block", async () => {
    const bodies = [...BODIES, ...BODIES, ...BODIES].map(
      (b, i) => `Round ${Math.floor(i / 6)}: ${b}`,
    );
    const thread = await seedThread(testDb.db, bodies);
    const { result } = await summarize(thread);
    expect(result.coverage).toMatchObject({
      messages: 18,
      firstMessageId: thread.messageIds[0],
      lastMessageId: thread.messageIds[17],
    });
    expect(result.blocks?.map((b) => b.messages)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2]);
    // The offline merge takes claims from across the thread, not only its end.
    const cited = new Set(result.citations.flatMap((c) => c.messageIds));
    expect(thread.messageIds.slice(0, 6).some((id) => cited.has(id))).toBe(true);
    expect(thread.messageIds.slice(12).some((id) => cited.has(id))).toBe(true);
    expect(
      await testDb.db.agentSummaryBlock.count({ where: { discussionId: thread.discussionId } }),
    ).toBe(9);
  });

  for (const [change, apply] of Object.entries(changes)) {
    it(`stops serving a summary whose covered message was ${change}, and rebuilds only its block`, async () => {
      const thread = await seedThread(testDb.db, BODIES);
      const first = await summarize(thread);
      const target = thread.messageIds[2]!;
      expect(first.result.summary).toContain("SECRET-DETAIL");
      expect(await freshness(first, thread.discussionId)).toEqual({
        sourcesChanged: false,
        newerMessages: 0,
      });

      await apply(testDb.db, target);
      expect((await freshness(first, thread.discussionId))?.sourcesChanged).toBe(true);

      const second = await summarize(thread);
      expect(second.result.work).toEqual({ blocksBuilt: 1, blocksReused: 2, merge: "full" });
      expect(second.result.summary).not.toContain("SECRET-DETAIL");
      if (change !== "edited" && change !== "redacted") {
        expect(second.result.citations.flatMap((c) => c.messageIds)).not.toContain(target);
        expect(second.result.coverage?.messages).toBe(5);
      }
      expect(await freshness(second, thread.discussionId)).toEqual({
        sourcesChanged: false,
        newerMessages: 0,
      });
      // The block that covered the old version is gone once no recent summary needs it... or
      // kept for a recent one; either way the new summary points only at intact blocks.
      const blocks = await testDb.db.agentSummaryBlock.findMany({
        where: { id: { in: second.result.blocks?.map((b) => b.id) ?? [] } },
      });
      expect(blocks).toHaveLength(3);
    });
  }

  it("counts newer messages without calling the summary changed", async () => {
    const thread = await seedThread(testDb.db, BODIES);
    const first = await summarize(thread);
    await addMessages(testDb.db, thread, [
      "A newer message about the login page.",
      "And one more.",
    ]);
    expect(await freshness(first, thread.discussionId)).toEqual({
      sourcesChanged: false,
      newerMessages: 2,
    });
  });
});
