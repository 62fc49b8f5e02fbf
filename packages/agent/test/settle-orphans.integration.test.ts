import { createTestDatabase, type TestDatabase } from "@parley/db/testing";
import { makeWorkerUtils, runMigrations, type WorkerUtils } from "graphile-worker";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settleOrphanedJobs } from "../src/heartbeat";

let testDb: TestDatabase;
let utils: WorkerUtils;
let pool: pg.Pool;

beforeAll(async () => {
  testDb = await createTestDatabase();
  await runMigrations({ connectionString: testDb.url });
  // Our own pool, ended before the drop: a connection still closing when DROP ... FORCE ends it
  // must not surface as an uncaught error.
  pool = new pg.Pool({ connectionString: testDb.url, max: 2 });
  pool.on("error", () => undefined);
  utils = await makeWorkerUtils({ pgPool: pool });
});
afterAll(async () => {
  await utils.release();
  await pool.end();
  await testDb.drop();
});

const POOL = "pool-alive";

/** Locks jobs as a pool's workers do when they take them. */
async function lockAs(pool: string, ids: string[]) {
  await testDb.db.$executeRaw`
    UPDATE graphile_worker._private_jobs SET locked_by = ${pool}, locked_at = now(), attempts = attempts + 1
    WHERE id = ANY(${ids}::bigint[])`;
}

const state = async (id: string) => {
  const [row] = await testDb.db.$queryRaw<{ locked_by: string | null }[]>`
    SELECT locked_by FROM graphile_worker.jobs WHERE id = ${id}::bigint`;
  return row ? (row.locked_by ?? "unlocked") : "gone";
};

describe("jobs a live pool holds but no longer runs (their completion write was lost)", () => {
  it("completes those whose task succeeded, releases those that failed, leaves running and recent ones alone", async () => {
    const jobs = await Promise.all(
      ["succeeded", "failed", "running", "just-finished", "other-pool"].map((name) =>
        utils.addJob(
          "summarize",
          { name },
          { queueName: name === "failed" ? "q-failed" : undefined },
        ),
      ),
    );
    const [succeeded, failed, running, justFinished, otherPool] = jobs.map((j) => j.id);
    await lockAs(POOL, [succeeded!, failed!, running!, justFinished!]);
    await lockAs("pool-other", [otherPool!]);
    await testDb.db.$executeRaw`
      UPDATE graphile_worker._private_job_queues SET locked_by = ${POOL}, locked_at = now() WHERE queue_name = 'q-failed'`;

    const result = await settleOrphanedJobs(testDb.db, POOL, {
      running: new Set([running!]),
      succeeded: new Set([succeeded!, justFinished!]),
      finishedBefore: (id) => id !== justFinished,
    });

    expect(result).toEqual({ completed: [succeeded], released: [failed] });
    expect(await state(succeeded!)).toBe("gone");
    expect(await state(failed!)).toBe("unlocked");
    expect(await state(running!)).toBe(POOL);
    expect(await state(justFinished!)).toBe(POOL);
    expect(await state(otherPool!)).toBe("pool-other");
    const [queue] = await testDb.db.$queryRaw<{ locked_by: string | null }[]>`
      SELECT locked_by FROM graphile_worker._private_job_queues WHERE queue_name = 'q-failed'`;
    expect(queue?.locked_by).toBeNull();
  });
});
