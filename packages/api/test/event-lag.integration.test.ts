import { appendEvent } from "@parley/db";
import { testDatabaseContext } from "@parley/db/testing";
import pg from "pg";
import { describe, expect, it } from "vitest";
import {
  currentHorizon,
  oldestUnreadableEvent,
  readEvents,
  unreadableEventAge,
} from "../src/events/outbox";
import { metrics } from "../src/metrics";
import { checkReadiness } from "../src/readiness";
import { type Runtime } from "../src/runtime";
import { useTestApp } from "./harness";

const app = useTestApp();

const lagMetric = async () => {
  const metric = await metrics.registry
    .getSingleMetric("parley_events_unreadable_age_seconds")
    ?.get();
  return metric?.values[0]?.value ?? Number.NaN;
};

describe("live-event lag", () => {
  it("a transaction open in another database holds events back, and the age of the oldest one grows", async () => {
    const runtime: Runtime = {
      db: app.db,
      events: app.bus,
      env: { DATABASE_URL: app.url } as Runtime["env"],
      close: () => Promise.resolve(),
    };
    metrics.measureEventLagWith(() => unreadableEventAge(app.db));
    try {
      expect(await unreadableEventAge(app.db)).toBe(0);
      const before = await currentHorizon(app.db);

      // A writing transaction left open in another database of the same server (an admin's
      // psql session, another application): transaction ids are server-wide.
      const other = new pg.Client({ connectionString: testDatabaseContext().adminUrl });
      await other.connect();
      try {
        await other.query("BEGIN");
        await other.query("SELECT pg_current_xact_id()");

        await app.db.$transaction((tx) => appendEvent(tx, null, { type: "lag.probe" }));
        expect(await readEvents(app.db, before)).toEqual([]);

        const first = await unreadableEventAge(app.db);
        expect(first).toBeGreaterThan(0);
        await expect
          .poll(() => unreadableEventAge(app.db), { interval: 100 })
          .toBeGreaterThan(first);
        expect(await lagMetric()).toBeGreaterThan(first);
        const report = await checkReadiness(runtime);
        expect(report.eventLagSeconds).toBeGreaterThan(first);
        expect(report.ok).toBe(true); // lag is reported, never a reason to leave rotation
      } finally {
        await other.query("ROLLBACK").catch(() => undefined);
        await other.end();
      }

      // The holder gone, the event is readable and nothing waits.
      expect((await readEvents(app.db, before)).map((e) => e.event.type)).toContain("lag.probe");
      expect(await unreadableEventAge(app.db)).toBe(0);
      expect(await lagMetric()).toBe(0);
    } finally {
      metrics.measureEventLagWith(null);
    }
  });

  it("reads the lag from the (tx, id) index, not by scanning the outbox", async () => {
    await app.db.$executeRaw`
      INSERT INTO events (topic, payload) SELECT 'lag.filler', '{}'::jsonb FROM generate_series(1, 20000)`;
    await app.db.$executeRaw`ANALYZE events`;
    const [row] = await app.db.$queryRaw<
      { "QUERY PLAN": unknown }[]
    >`EXPLAIN (FORMAT JSON) ${oldestUnreadableEvent}`;
    const plan = JSON.stringify(row?.["QUERY PLAN"]);
    expect(plan).not.toContain("Seq Scan");
    expect(plan).toMatch(/"Index Cond":"\(tx >= /);
  });
});
