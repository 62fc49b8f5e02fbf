import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestDatabase } from "@parley/db/testing";
import { runMigrations } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { summaryResultSchema } from "../src/contracts";
import { readAgentEnv } from "../src/env";
import { type AgentWorker, startAgentWorker } from "../src/runtime";
import { jobEvents, jobRow, requestJob } from "./support/agent";
import { seedThread } from "./support/fixtures";
import { fakeModelServer } from "./support/model-server";

const packageRoot = fileURLToPath(new URL("..", import.meta.url));

let testDb: TestDatabase;
let model: ReturnType<typeof fakeModelServer>;
let child: ChildProcess | undefined;
let survivor: AgentWorker | undefined;

beforeAll(async () => {
  testDb = await createTestDatabase();
  await runMigrations({ connectionString: testDb.url });
  model = fakeModelServer();
  model.server.listen(0, "127.0.0.1");
  await once(model.server, "listening");
});
afterAll(async () => {
  child?.kill("SIGKILL");
  await survivor?.stop();
  await model.close();
  await testDb.drop();
});

describe("a worker killed with SIGKILL in the middle of a job", () => {
  it("does not lose the job: another worker unlocks it after the stale heartbeat and finishes it", async () => {
    const { port } = model.server.address() as AddressInfo;
    const settings = {
      DATABASE_URL: testDb.url,
      AGENT_PROVIDER: "self-hosted",
      AGENT_SELF_HOSTED_URL: `http://127.0.0.1:${port}/v1`,
      AGENT_SELF_HOSTED_MODEL: "test-model",
      AGENT_CALL_TIMEOUT_MS: "600000",
      WORKER_CONCURRENCY: "2",
      WORKER_HEARTBEAT_INTERVAL_MS: "200",
      WORKER_HEARTBEAT_STALE_MS: "1000",
      WORKER_SWEEP_INTERVAL_MS: "250",
      AGENT_DELTA_FLUSH_MS: "10",
      LOG_LEVEL: "warn",
    };
    const thread = await seedThread(testDb.db, [
      "Since the upgrade the login breaks.",
      "Same for me.",
    ]);
    const job = await requestJob(testDb.db, {
      discussionId: thread.discussionId,
      requestedById: thread.authorId,
      type: "summary",
    });

    // The real worker entry point, as docker-compose runs it.
    let output = "";
    child = spawn(process.execPath, ["--import", "tsx", "src/worker.ts"], {
      cwd: packageRoot,
      env: { ...process.env, ...settings },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    await Promise.race([
      model.firstRequestSeen,
      once(child, "exit").then(() => {
        throw new Error(`the worker exited before calling the model:\n${output}`);
      }),
    ]);

    expect((await jobRow(testDb.db, job.id)).status).toBe("running");
    const [locked] = await testDb.db.$queryRaw<
      { locked_by: string | null }[]
    >`SELECT locked_by FROM graphile_worker.jobs`;
    const deadPool = locked?.locked_by;
    expect(deadPool).toBeTruthy();
    await expect
      .poll(() => testDb.db.workerHeartbeat.count({ where: { poolId: deadPool! } }), {
        timeout: 10_000,
      })
      .toBe(1);

    child.kill("SIGKILL");
    await once(child, "exit");
    const killedAt = performance.now();

    survivor = await startAgentWorker({
      env: readAgentEnv(settings),
      connectionString: testDb.url,
      pollInterval: 100,
    });
    await expect
      .poll(async () => (await jobRow(testDb.db, job.id)).status, {
        timeout: 60_000,
        interval: 100,
      })
      .toBe("completed");
    console.info(
      `[figures] SIGKILL recovery: job completed ${Math.round(performance.now() - killedAt)} ms after the kill ` +
        `(stale bound ${settings.WORKER_HEARTBEAT_STALE_MS} ms + sweep ${settings.WORKER_SWEEP_INTERVAL_MS} ms + poll 100 ms)`,
    );

    const result = summaryResultSchema.parse((await jobRow(testDb.db, job.id)).result);
    expect(result.citations).toEqual([
      { claim: "The login breaks after the upgrade", messageIds: [thread.messageIds[0]] },
    ]);
    expect(model.requests()).toBe(2);
    expect(await testDb.db.workerHeartbeat.count({ where: { poolId: deadPool! } })).toBe(0);
    const left = await testDb.db.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM graphile_worker.jobs`;
    expect(left[0]?.n).toBe(0n);
    // The rerun told clients to drop whatever the dead run had streamed.
    const deltas = (await jobEvents(testDb.db, job.id)).filter((e) => e.type === "agent.job.delta");
    expect(deltas[0]).toMatchObject({ reset: true });
  });
});
