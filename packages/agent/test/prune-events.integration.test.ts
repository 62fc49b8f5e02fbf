import { createTestDatabase, type TestDatabase } from "@parley/db/testing";
import { addJobAdhoc, runOnce } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maintenanceTaskList as taskList } from "../src/tasks";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());

describe("prune_events", () => {
  it("deletes only events older than the retention, through the real worker", async () => {
    await testDb.db.$executeRaw`
      INSERT INTO events (topic, payload, created_at) VALUES
        ('old', '{}', now() - interval '40 days'),
        ('recent', '{}', now() - interval '2 days')`;
    await addJobAdhoc({ connectionString: testDb.url }, "prune_events", { olderThanDays: 30 });
    await runOnce({ connectionString: testDb.url, taskList });
    const left = await testDb.db.event.findMany({ select: { topic: true } });
    expect(left.map((e) => e.topic)).toEqual(["recent"]);
  });

  it("rejects a payload without a valid retention and leaves the events alone", async () => {
    await addJobAdhoc(
      { connectionString: testDb.url },
      "prune_events",
      { olderThanDays: 0 },
      { maxAttempts: 1 },
    );
    await runOnce({ connectionString: testDb.url, taskList });
    const [failed] = await testDb.db.$queryRaw<{ last_error: string | null }[]>`
      SELECT last_error FROM graphile_worker.jobs WHERE task_identifier = 'prune_events'`;
    expect(failed?.last_error).toMatch(/olderThanDays/);
    expect(await testDb.db.event.count()).toBe(1);
  });
});
