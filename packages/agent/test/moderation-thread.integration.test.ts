import { createTestDatabase, type TestDatabase } from "@parley/db/testing";
import { runMigrations } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OfflineProvider } from "../src/providers/offline";
import {
  type ClassifyInput,
  type DraftInput,
  type ProviderCallContext,
  type SummarizeBlockInput,
} from "../src/providers/types";
import { requestJob, runJobs } from "./support/agent";
import { seedThread } from "./support/fixtures";

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
  await runMigrations({ connectionString: testDb.url });
});
afterAll(() => testDb.drop());

/** The offline provider, recording every message body a workflow was given. */
class RecordingProvider extends OfflineProvider {
  readonly seen: string[] = [];
  override summarizeBlock(input: SummarizeBlockInput, ctx: ProviderCallContext) {
    this.seen.push(...input.messages.map((m) => m.body));
    return super.summarizeBlock(input, ctx);
  }
  override draft(input: DraftInput, ctx: ProviderCallContext) {
    this.seen.push(...input.messages.map((m) => m.body));
    return super.draft(input, ctx);
  }
  override classify(input: ClassifyInput, ctx: ProviderCallContext) {
    this.seen.push(...input.messages.map((m) => m.body));
    return super.classify(input, ctx);
  }
}

describe("the agent's thread input", () => {
  it("takes only published, non-deleted messages for summaries, drafts and labels", async () => {
    const thread = await seedThread(testDb.db, [
      "Published: the build fails on Node 24.",
      "Held: a message waiting for a moderator.",
      "Rejected: a message moderation refused.",
      "Deleted: a message its author removed.",
      "Published: pinning the lockfile fixed the build.",
    ]);
    const [, held, rejected, deleted] = thread.messageIds;
    await testDb.db.message.update({ where: { id: held! }, data: { status: "held" } });
    await testDb.db.message.update({ where: { id: rejected! }, data: { status: "rejected", statusReason: "abuse" } });
    await testDb.db.message.update({ where: { id: deleted! }, data: { deletedAt: new Date() } });
    await testDb.db.label.create({ data: { name: "build" } });

    const provider = new RecordingProvider();
    for (const type of ["summary", "draft_reply", "classify"] as const) {
      await requestJob(testDb.db, { discussionId: thread.discussionId, requestedById: thread.authorId, type });
    }
    await runJobs(testDb.url, testDb.db, provider);

    expect(await testDb.db.agentJob.count({ where: { status: "completed" } })).toBe(3);
    expect(provider.seen.length).toBeGreaterThan(0);
    expect(new Set(provider.seen)).toEqual(
      new Set(["Published: the build fails on Node 24.", "Published: pinning the lockfile fixed the build."]),
    );
  });
});
