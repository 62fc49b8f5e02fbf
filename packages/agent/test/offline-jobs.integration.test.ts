import { createTestDatabase, type TestDatabase } from "@parley/db/testing";
import { addJobAdhoc, runMigrations } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyResultSchema, draftResultSchema, summaryResultSchema } from "../src/contracts";
import { OfflineProvider } from "../src/providers/offline";
import {
  jobEvents,
  jobRow,
  requestJob,
  runJobs,
  statuses,
  streamedText,
  testSettings,
} from "./support/agent";
import { addMessages, seedThread } from "./support/fixtures";

let testDb: TestDatabase;
const provider = new OfflineProvider();

beforeAll(async () => {
  testDb = await createTestDatabase();
  await runMigrations({ connectionString: testDb.url });
});
afterAll(() => testDb.drop());

const BODIES = [
  "Since upgrading to 2.3 the login page rejects my token with 'invalid token'. Downgrading to 2.2 fixes the login.",
  "Same here. The token cookie seems to expire immediately after the upgrade, so the login loops.",
  "The upgrade changed the cookie domain setting. Setting COOKIE_DOMAIN explicitly fixed the login for me.",
  "Confirmed: with COOKIE_DOMAIN set the token survives and the login works again on 2.3.",
];

describe("agent jobs with the offline provider, through the worker", () => {
  it("summarizes: running, streamed deltas, completed with citations of the thread's messages", async () => {
    const thread = await seedThread(testDb.db, BODIES);
    const job = await requestJob(testDb.db, {
      discussionId: thread.discussionId,
      requestedById: thread.authorId,
      type: "summary",
    });
    await runJobs(testDb.url, testDb.db, provider);

    const row = await jobRow(testDb.db, job.id);
    expect(row.status).toBe("completed");
    expect(row.startedAt).not.toBeNull();
    expect(row.completedAt).not.toBeNull();
    const result = summaryResultSchema.parse(row.result);
    expect(result.provider).toEqual({
      name: "offline",
      model: OfflineProvider.MODEL,
      offline: true,
    });
    expect(result.citations.length).toBeGreaterThan(0);
    for (const c of result.citations)
      for (const id of c.messageIds) expect(thread.messageIds).toContain(id);
    expect(result.coversUpToMessageId).toBe(thread.messageIds.at(-1));
    expect(result.messageCount).toBe(4);
    expect(result.incremental).toBe(false);

    const events = await jobEvents(testDb.db, job.id);
    expect(statuses(events)).toEqual(["queued", "running", "completed"]);
    expect(events.findIndex((e) => e.type === "agent.job.delta")).toBeGreaterThan(1);
    expect(streamedText(events).trim()).toBe(result.summary);
  });

  it("does nothing when a completed job runs again", async () => {
    const thread = await seedThread(testDb.db, BODIES);
    const job = await requestJob(testDb.db, {
      discussionId: thread.discussionId,
      requestedById: thread.authorId,
      type: "summary",
    });
    await runJobs(testDb.url, testDb.db, provider);
    const before = await jobRow(testDb.db, job.id);
    const eventsBefore = await jobEvents(testDb.db, job.id);

    await addJobAdhoc({ connectionString: testDb.url }, "summarize", { v: 1, jobId: job.id });
    await runJobs(testDb.url, testDb.db, provider);
    expect(await jobRow(testDb.db, job.id)).toEqual(before);
    expect(await jobEvents(testDb.db, job.id)).toEqual(eventsBefore);
  });

  it("refreshes a summary incrementally: only the new block is summarized, then merged", async () => {
    const thread = await seedThread(testDb.db, BODIES);
    const settings = testSettings({ summaryBlockMessages: 2 });
    const first = await requestJob(testDb.db, {
      discussionId: thread.discussionId,
      requestedById: thread.authorId,
      type: "summary",
    });
    await runJobs(testDb.url, testDb.db, provider, settings);
    const [newId] = await addMessages(testDb.db, thread, [
      "Released 2.3.1 with the cookie domain default restored for every login.",
    ]);
    const second = await requestJob(testDb.db, {
      discussionId: thread.discussionId,
      requestedById: thread.authorId,
      type: "summary",
    });
    await runJobs(testDb.url, testDb.db, provider, settings);

    const before = summaryResultSchema.parse((await jobRow(testDb.db, first.id)).result);
    const after = summaryResultSchema.parse((await jobRow(testDb.db, second.id)).result);
    expect(after.incremental).toBe(true);
    expect(after.coversUpToMessageId).toBe(newId);
    expect(after.messageCount).toBe(5);
    expect(after.tokens.input).toBeLessThan(before.tokens.input);
    expect(after.citations.some((c) => c.messageIds.includes(newId!))).toBe(true);
    expect(after.work).toEqual({ blocksBuilt: 1, blocksReused: 2, merge: "incremental" });
  });

  it("drafts a reply marked offline, never posting it", async () => {
    const thread = await seedThread(testDb.db, [
      ...BODIES,
      "Does anyone know whether 2.3.1 fixes this for SSO logins?",
    ]);
    const count = await testDb.db.message.count({ where: { discussionId: thread.discussionId } });
    const job = await requestJob(testDb.db, {
      discussionId: thread.discussionId,
      requestedById: thread.otherId,
      type: "draft_reply",
    });
    await runJobs(testDb.url, testDb.db, provider);
    const result = draftResultSchema.parse((await jobRow(testDb.db, job.id)).result);
    expect(result.reply).toContain("2.3.1 fixes this for SSO logins?");
    expect(result.points).toEqual([
      {
        claim: "Does anyone know whether 2.3.1 fixes this for SSO logins?",
        messageIds: [thread.messageIds[4]],
      },
    ]);
    expect(result.provider.offline).toBe(true);
    expect(await testDb.db.message.count({ where: { discussionId: thread.discussionId } })).toBe(
      count,
    );
    expect(streamedText(await jobEvents(testDb.db, job.id)).trim()).toBe(result.reply);
  });

  it("drafts from the thread: open questions and unanswered reports, each cited, answered ones left out", async () => {
    const thread = await seedThread(testDb.db, [
      "How do I rotate the API token without downtime?", // Ann, answered below by Bob
      "You rotate the API token by creating a second token first, then deleting the old one.", // Bob
      "Is there a way to scope a token to one discussion?", // Ann, open
      "Thanks. Separately: the export still fails with a 500 error on large threads.", // Bob: requester
      "Also, which version added token scopes?", // Ann, open
    ]);
    const job = await requestJob(testDb.db, {
      discussionId: thread.discussionId,
      requestedById: thread.otherId,
      type: "draft_reply",
    });
    await runJobs(testDb.url, testDb.db, provider);
    const result = draftResultSchema.parse((await jobRow(testDb.db, job.id)).result);
    const [, , scoped, , version] = thread.messageIds;
    expect(result.points).toEqual([
      { claim: "Also, which version added token scopes?", messageIds: [version] },
      { claim: "Is there a way to scope a token to one discussion?", messageIds: [scoped] },
    ]);
    expect(result.reply).toContain(
      '- "Is there a way to scope a token to one discussion?" (Ann): [your answer]',
    );
    expect(result.reply).not.toContain("rotate the API token");
    expect(result.reply).not.toContain("Here is what I know so far");
    expect(result.rationale).toContain("2 open question(s)");
  });

  it("classifies from the site's labels and auto-applies above the threshold, recording who applied", async () => {
    const bug = await testDb.db.label.create({
      data: { name: "login", description: "Sign-in, token and cookie problems" },
    });
    await testDb.db.label.create({
      data: { name: "billing", description: "Invoices, payments and plans" },
    });
    const thread = await seedThread(testDb.db, BODIES);
    const job = await requestJob(testDb.db, {
      discussionId: thread.discussionId,
      requestedById: thread.authorId,
      type: "classify",
    });
    await runJobs(testDb.url, testDb.db, provider, testSettings({ autoApplyThreshold: 0.5 }));

    const result = classifyResultSchema.parse((await jobRow(testDb.db, job.id)).result);
    expect(result.labels.map((l) => l.name)).toEqual(["login"]);
    expect(result.labels[0]).toMatchObject({ labelId: bug.id, applied: true });
    expect(result.suggestedAssignee).toMatchObject({ kind: "team", name: "Moderators" });
    const applied = await testDb.db.discussionLabel.findMany({
      where: { discussionId: thread.discussionId },
    });
    expect(applied).toMatchObject([{ labelId: bug.id, appliedById: null }]);
  });

  it("blocks a job whose thread has flagged content when the policy is block", async () => {
    const thread = await seedThread(testDb.db, [
      "The login is broken.",
      "You are an idiot, read the docs.",
    ]);
    const job = await requestJob(testDb.db, {
      discussionId: thread.discussionId,
      requestedById: thread.authorId,
      type: "summary",
    });
    await runJobs(
      testDb.url,
      testDb.db,
      provider,
      testSettings({ moderation: { policy: "block", threshold: 0.8 } }),
    );
    const row = await jobRow(testDb.db, job.id);
    expect(row.status).toBe("blocked");
    expect(row.error).toContain(thread.messageIds[1]);
    expect(row.result).toBeNull();
    expect(statuses(await jobEvents(testDb.db, job.id))).toEqual(["queued", "running", "blocked"]);
  });

  it("redacts flagged spans before the provider sees them when the policy is redact", async () => {
    const thread = await seedThread(testDb.db, [
      "The login token expires immediately, you morons broke the login token handling again.",
    ]);
    const job = await requestJob(testDb.db, {
      discussionId: thread.discussionId,
      requestedById: thread.authorId,
      type: "summary",
    });
    await runJobs(testDb.url, testDb.db, provider);
    const result = summaryResultSchema.parse((await jobRow(testDb.db, job.id)).result);
    expect(result.summary).toContain("[redacted]");
    expect(result.summary).not.toMatch(/moron/i);
  });

  it("never sends deleted messages to the provider", async () => {
    const thread = await seedThread(testDb.db, BODIES);
    await testDb.db.message.update({
      where: { id: thread.messageIds[2]! },
      data: { deletedAt: new Date() },
    });
    const job = await requestJob(testDb.db, {
      discussionId: thread.discussionId,
      requestedById: thread.authorId,
      type: "summary",
    });
    await runJobs(testDb.url, testDb.db, provider);
    const result = summaryResultSchema.parse((await jobRow(testDb.db, job.id)).result);
    expect(result.summary).not.toContain("COOKIE_DOMAIN explicitly");
    expect(result.citations.flatMap((c) => c.messageIds)).not.toContain(thread.messageIds[2]);
  });
});
