import { once } from "node:events";
import { type AddressInfo } from "node:net";
import { createTestDatabase, type TestDatabase } from "@parley/db/testing";
import { addJobAdhoc, runMigrations } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAgentEnv } from "../src/env";
import { sweepDeadPools } from "../src/heartbeat";
import { startAgentWorker } from "../src/runtime";
import { jobEvents, jobRow, requestJob, statuses } from "./support/agent";
import { seedThread } from "./support/fixtures";
import { fakeModelServer } from "./support/model-server";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
  await runMigrations({ connectionString: testDb.url });
});
afterAll(() => testDb.drop());

interface LockRow {
  id: string;
  locked_by: string | null;
  attempts: number;
  last_error: string | null;
}
const lockOf = async (key: string) =>
  (
    await testDb.db.$queryRaw<LockRow[]>`
    SELECT id::text, locked_by, attempts, last_error FROM graphile_worker.jobs WHERE key = ${key}`
  )[0];

describe("graceful shutdown", () => {
  it("hands a running job back: queued again, its pool's heartbeat removed, finished by the next worker", async () => {
    const model = fakeModelServer(1);
    model.server.listen(0, "127.0.0.1");
    await once(model.server, "listening");
    const { port } = model.server.address() as AddressInfo;
    const env = readAgentEnv({
      AGENT_PROVIDER: "self-hosted",
      AGENT_SELF_HOSTED_URL: `http://127.0.0.1:${port}/v1`,
      AGENT_SELF_HOSTED_MODEL: "test-model",
      WORKER_SHUTDOWN_ABORT_MS: "50",
      WORKER_HEARTBEAT_INTERVAL_MS: "100",
      LOG_LEVEL: "warn",
    });
    try {
      const thread = await seedThread(testDb.db, ["Since the upgrade the login breaks."]);
      const job = await requestJob(testDb.db, {
        discussionId: thread.discussionId,
        requestedById: thread.authorId,
        type: "summary",
      });
      const first = await startAgentWorker({
        env,
        connectionString: testDb.url,
        pollInterval: 100,
      });
      await model.firstRequestSeen;
      await expect.poll(() => testDb.db.workerHeartbeat.count()).toBe(1);
      await first.stop();

      expect((await jobRow(testDb.db, job.id)).status).toBe("queued");
      expect(await testDb.db.workerHeartbeat.count()).toBe(0);
      expect(await lockOf(`agent_job:${job.id}`)).toMatchObject({ locked_by: null, attempts: 1 });

      const second = await startAgentWorker({
        env,
        connectionString: testDb.url,
        pollInterval: 100,
      });
      try {
        await expect
          .poll(async () => (await jobRow(testDb.db, job.id)).status, {
            timeout: 30_000,
            interval: 100,
          })
          .toBe("completed");
      } finally {
        await second.stop();
      }
      expect(statuses(await jobEvents(testDb.db, job.id))).toEqual([
        "queued",
        "running",
        "queued",
        "running",
        "completed",
      ]);
    } finally {
      await model.close();
    }
  });
});

describe("sweepDeadPools", () => {
  it("unlocks pools with a stale heartbeat and pools holding old locks without one, never a live or its own pool", async () => {
    const lockAs = async (key: string, pool: string) => {
      await addJobAdhoc({ connectionString: testDb.url }, "sweep_probe", {}, { jobKey: key });
      await testDb.db.$executeRaw`
        UPDATE graphile_worker._private_jobs SET locked_by = ${pool}, locked_at = now() - interval '1 minute' WHERE key = ${key}`;
    };
    await lockAs("stale", "pool-stale");
    await lockAs("silent", "pool-silent");
    await lockAs("live", "pool-live");
    await lockAs("own", "pool-own");
    await testDb.db.$executeRaw`
      INSERT INTO worker_heartbeats (pool_id, hostname, pid, last_seen_at) VALUES
        ('pool-stale', 'h', 1, now() - interval '1 minute'),
        ('pool-live', 'h', 2, now()),
        ('pool-own', 'h', 3, now() - interval '1 minute')`;
    const unlockedIds: string[][] = [];
    const result = await sweepDeadPools(
      testDb.db,
      {
        forceUnlockWorkers: async (ids) => {
          unlockedIds.push(ids);
          await testDb.db.$executeRaw`SELECT graphile_worker.force_unlock_workers(${ids}::text[])`;
        },
      },
      30_000,
      "pool-own",
    );
    expect(result.unlocked.sort()).toEqual(["pool-silent", "pool-stale"]);
    expect(unlockedIds).toHaveLength(1);
    expect((await lockOf("stale"))?.locked_by).toBeNull();
    expect((await lockOf("silent"))?.locked_by).toBeNull();
    expect((await lockOf("live"))?.locked_by).toBe("pool-live");
    expect((await lockOf("own"))?.locked_by).toBe("pool-own");
    const left = await testDb.db.workerHeartbeat.findMany({
      select: { poolId: true },
      orderBy: { poolId: "asc" },
    });
    expect(left.map((h) => h.poolId)).toEqual(["pool-live", "pool-own"]);
  });
});
