import { createDatabase, type Database, migrateAll } from "@parley/db";
import { createEmptyDatabase, startThrowawayCluster, type TestServer } from "@parley/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresEventBus } from "../src/events/bus";
import { logger } from "../src/logger";
import { checkReadiness } from "../src/readiness";
import { type Runtime } from "../src/runtime";
import { raiseRateLimits } from "../src/testing/rate-limits";
import { useTestApp } from "./harness";
import { startDualServer } from "./rest/dual-server";
import { TEST_SECRET } from "./rest/fixture";

const problemShape = { status: 503, code: "SERVICE_UNAVAILABLE" };

async function post(base: string, path: string, token: string, body: unknown) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as unknown };
}

describe("backpressure: a saturated pool answers 503 with Retry-After, then serves again", () => {
  const app = useTestApp();
  let tiny: Database;
  let bus: PostgresEventBus;
  let server: Awaited<ReturnType<typeof startDualServer>>;

  beforeAll(async () => {
    // Two connections, and short bounds so that the test need not wait the production ones.
    tiny = createDatabase(app.url, { max: 2, acquireTimeoutMs: 300, transactionMaxWaitMs: 300 });
    bus = new PostgresEventBus(tiny, app.url, logger.child({ test: "unavailable" }), 200);
    await bus.start();
    server = await startDualServer({ db: tiny, events: bus, env: { APP_SECRET_KEY: TEST_SECRET } });
  });
  afterAll(async () => {
    await server.close();
    await bus.close();
    await tiny.$disconnect();
  });

  it("REST and tRPC posts wait within the bound, are refused with 503, and leave nothing half done", async () => {
    const ann = await app.register("Ann");
    const caller = await app.as(ann.id);
    const discussion = await caller.discussion.create({ title: "Pool limits", body: "First." });
    const count = () => app.db.message.count({ where: { discussionId: discussion.id } });
    const before = await count();

    // Every pooled connection is held by a transaction that waits for the test's signal.
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const holders = [0, 1].map(() =>
      tiny.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT 1`;
          await released;
        },
        { timeout: 60_000 },
      ),
    );
    await expect
      .poll(() =>
        app.db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pg_stat_activity
      WHERE datname = current_database() AND state = 'idle in transaction'`.then((r) =>
          Number(r[0]?.n),
        ),
      )
      .toBeGreaterThanOrEqual(2);

    const rest = await post(
      server.base,
      `/api/v1/discussions/${discussion.id}/messages`,
      ann.token,
      { body: "Refused?" },
    );
    expect(rest.status).toBe(503);
    expect(rest.headers.get("content-type")).toBe("application/problem+json");
    expect(rest.headers.get("retry-after")).toBe("1");
    expect(rest.json).toMatchObject({ ...problemShape, retryAfterSeconds: 1 });

    const trpc = await post(server.base, "/api/trpc/message.create", ann.token, {
      discussionId: discussion.id,
      body: "Refused?",
    });
    expect(trpc.status).toBe(503);
    expect(trpc.headers.get("retry-after")).toBe("1");
    expect(trpc.json).toMatchObject({
      error: { data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503, retryAfterSeconds: 1 } },
    });

    expect(await count()).toBe(before);
    release();
    await Promise.all(holders);

    const restAgain = await post(
      server.base,
      `/api/v1/discussions/${discussion.id}/messages`,
      ann.token,
      { body: "Now it works." },
    );
    expect(restAgain.status).toBe(200);
    const trpcAgain = await post(server.base, "/api/trpc/message.create", ann.token, {
      discussionId: discussion.id,
      body: "This too.",
    });
    expect(trpcAgain.status).toBe(200);
    expect(await count()).toBe(before + 2);
  });
});

describe("outage: a stopped database answers 503 with Retry-After, and /api/ready names it", () => {
  let cluster: TestServer;
  let db: Database;
  let bus: PostgresEventBus;
  let server: Awaited<ReturnType<typeof startDualServer>>;
  let url: string;

  beforeAll(async () => {
    // A server of its own: this test stops it.
    cluster = await startThrowawayCluster();
    url = await createEmptyDatabase(cluster.adminUrl, "parley_outage");
    await migrateAll(url);
    db = createDatabase(url, { acquireTimeoutMs: 1000 });
    await raiseRateLimits(db);
    bus = new PostgresEventBus(db, url, logger.child({ test: "outage" }), 200);
    await bus.start();
    server = await startDualServer({ db, events: bus, env: { APP_SECRET_KEY: TEST_SECRET } });
  });
  afterAll(async () => {
    await server.close();
    await bus.close();
    await db.$disconnect();
    await cluster.stop();
  });

  it("REST, tRPC and readiness while PostgreSQL is down", async () => {
    const runtime: Runtime = {
      db,
      events: bus,
      env: { DATABASE_URL: url } as Runtime["env"],
      close: () => Promise.resolve(),
    };
    expect(await checkReadiness(runtime)).toMatchObject({ ok: true, down: [] });
    expect((await fetch(`${server.base}/api/v1/discussions`)).status).toBe(200);

    await cluster.stop();

    const rest = await fetch(`${server.base}/api/v1/discussions`);
    expect(rest.status).toBe(503);
    expect(rest.headers.get("retry-after")).toBe("5");
    expect(await rest.json()).toMatchObject({ ...problemShape, retryAfterSeconds: 5 });

    const trpc = await fetch(
      `${server.base}/api/trpc/discussion.list?input=${encodeURIComponent("{}")}`,
    );
    expect(trpc.status).toBe(503);
    expect(trpc.headers.get("retry-after")).toBe("5");
    expect(await trpc.json()).toMatchObject({
      error: { data: { code: "SERVICE_UNAVAILABLE", retryAfterSeconds: 5 } },
    });

    await expect.poll(() => bus.listening).toBe(false);
    expect(await checkReadiness(runtime)).toMatchObject({
      ok: false,
      database: false,
      down: ["database", "migrations", "listener"],
    });
  });
});
