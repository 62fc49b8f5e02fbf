import { createTestDatabase, type TestDatabase } from "@parley/db/testing";
import { runMigrations } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentJobUpdatedEventSchema } from "../src/contracts";
import { enqueueAgentJob } from "../src/enqueue";
import { seedThread, type SeededThread } from "./support/fixtures";

let testDb: TestDatabase;
let thread: SeededThread;

beforeAll(async () => {
  testDb = await createTestDatabase();
  await runMigrations({ connectionString: testDb.url });
  thread = await seedThread(testDb.db, ["The login page says 'invalid token' since 2.3."]);
});
afterAll(() => testDb.drop());

const graphileJobs = (jobId: string) =>
  testDb.db.$queryRaw<
    { task_identifier: string; payload: unknown; key: string | null; max_attempts: number }[]
  >`
    SELECT t.identifier AS task_identifier, j.payload, j.key, j.max_attempts
    FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE j.key = ${`agent_job:${jobId}`}`;

describe("enqueueAgentJob", () => {
  it("inserts the job row, the worker job and a queued event in one transaction", async () => {
    const { job, created } = await testDb.db.$transaction((tx) =>
      enqueueAgentJob(tx, {
        discussionId: thread.discussionId,
        requestedById: thread.authorId,
        type: "summary",
        jobKey: "k-1",
      }),
    );
    expect(created).toBe(true);
    expect(job).toMatchObject({
      discussionId: thread.discussionId,
      type: "summary",
      status: "queued",
      result: null,
    });
    expect(await graphileJobs(job.id)).toEqual([
      {
        task_identifier: "summarize",
        payload: { v: 1, jobId: job.id },
        key: `agent_job:${job.id}`,
        max_attempts: 5,
      },
    ]);
    const events = await testDb.db.event.findMany({ where: { topic: "agent.job.updated" } });
    expect(events.map((e) => agentJobUpdatedEventSchema.parse(e.payload).job.id)).toEqual([job.id]);
  });

  it("returns the existing job for a repeated key and queues nothing more", async () => {
    const input = {
      discussionId: thread.discussionId,
      requestedById: thread.authorId,
      type: "classify",
      jobKey: "k-2",
    } as const;
    const first = await testDb.db.$transaction((tx) => enqueueAgentJob(tx, input));
    const second = await testDb.db.$transaction((tx) => enqueueAgentJob(tx, input));
    expect(second).toEqual({ job: first.job, created: false });
    expect(await testDb.db.agentJob.count({ where: { jobKey: "k-2" } })).toBe(1);
    expect(await graphileJobs(first.job.id)).toHaveLength(1);
  });

  it("makes one job when two transactions race with the same key", async () => {
    const input = {
      discussionId: thread.discussionId,
      requestedById: thread.authorId,
      type: "draft_reply",
      jobKey: "k-race",
    } as const;
    const results = await Promise.all([
      testDb.db.$transaction((tx) => enqueueAgentJob(tx, input)),
      testDb.db.$transaction((tx) => enqueueAgentJob(tx, input)),
    ]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    const [a, b] = results;
    expect(a.job.id).toBe(b.job.id);
    const total = await testDb.db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = 'draft_reply'`;
    expect(total[0]?.n).toBe(1n);
  });

  it("leaves nothing behind when the caller's transaction rolls back", async () => {
    let jobId = "";
    await expect(
      testDb.db.$transaction(async (tx) => {
        const { job } = await enqueueAgentJob(tx, {
          discussionId: thread.discussionId,
          requestedById: thread.authorId,
          type: "summary",
          jobKey: "k-rollback",
        });
        jobId = job.id;
        throw new Error("the request failed after enqueueing");
      }),
    ).rejects.toThrow("the request failed");
    expect(jobId).not.toBe("");
    expect(await testDb.db.agentJob.findUnique({ where: { id: jobId } })).toBeNull();
    expect(await graphileJobs(jobId)).toEqual([]);
  });
});
