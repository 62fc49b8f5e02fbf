import { createTestDatabase, type TestDatabase } from "@parley/db/testing";
import { runMigrations } from "graphile-worker";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readAgentEnv } from "../../src/env";
import { type AgentWorker, startAgentWorker } from "../../src/runtime";
import { type Resolver } from "../../src/webhooks/address-guard";
import { readWebhookEnv } from "../../src/webhooks/env";
import { pruneWebhookDeliveries } from "../../src/webhooks/prune";
import { startReceiver } from "./receiver";
import {
  box,
  createEndpoint,
  emit,
  emitMessage,
  headersOf,
  setAllowPrivateTargets,
  TEST_APP_SECRET,
} from "./support";

// Receivers listen on loopback only; names resolve through this table, never through DNS.
const resolver: Resolver = (hostname) =>
  Promise.resolve(hostname.endsWith(".test") ? [{ address: "127.0.0.1", family: 4 }] : []);

let testDb: TestDatabase;
let worker: AgentWorker;
const receivers: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase();
  await runMigrations({ connectionString: testDb.url });
  await setAllowPrivateTargets(testDb.db, true);
  worker = await startAgentWorker({
    env: readAgentEnv({ AGENT_PROVIDER: "offline", LOG_LEVEL: "error" }),
    connectionString: testDb.url,
    pollInterval: 50,
    webhooks: {
      env: readWebhookEnv({
        APP_SECRET_KEY: TEST_APP_SECRET,
        WEBHOOK_RETRY_DELAYS_MS: "50,50",
        WEBHOOK_TIMEOUT_MS: "500",
        WEBHOOK_DISPATCH_POLL_MS: "200",
        WEBHOOK_DISABLE_AFTER_EXHAUSTED: "2",
      }),
      resolver,
    },
  });
});
afterEach(async () => {
  // Each test's endpoints stop receiving, so they do not see the next test's events.
  await testDb.db.webhookEndpoint.updateMany({ data: { enabled: false } });
  await Promise.all(receivers.splice(0).map((r) => r.close()));
  await setAllowPrivateTargets(testDb.db, true);
});
afterAll(async () => {
  await worker.stop();
  await testDb.drop();
});

async function receiver(script?: Parameters<typeof startReceiver>[0]) {
  const r = await startReceiver(script);
  receivers.push(r);
  return r;
}

describe("webhook delivery through the worker", () => {
  it("signs Standard Webhooks that the reference library verifies, and sends public events only", async () => {
    const r = await receiver();
    const endpoint = await createEndpoint(testDb.db, `http://hooks.test:${r.port}/in`, [
      "message.created",
      "agent.job.completed",
    ]);
    await emitMessage(testDb.db, "held");
    await emit(testDb.db, {
      type: "agent.job.updated",
      job: { id: "00000000-0000-4000-8000-00000000d1af", type: "draft_reply", status: "completed" },
    });
    await emit(testDb.db, { type: "agent.job.delta", jobId: "x", discussionId: "y", text: "partial" });
    const published = await emitMessage(testDb.db);

    const request = await r.next();
    const payload = new Webhook(endpoint.secret).verify(request.body, headersOf(request.headers));
    expect(payload).toMatchObject({ type: "message.created", data: { message: { id: published } } });
    const body = JSON.parse(request.body) as { timestamp: string; data: { message: object } };
    expect(Object.keys(body).sort()).toEqual(["data", "timestamp", "type"]);
    expect(new Date(body.timestamp).toISOString()).toBe(body.timestamp);
    expect(body.data.message).not.toHaveProperty("statusReason");
    const deliveries = await testDb.db.webhookDelivery.findMany({ where: { endpointId: endpoint.id } });
    expect(deliveries.map((d) => d.id)).toEqual([request.headers["webhook-id"]]);
    const stranger = new Webhook(`whsec_${Buffer.alloc(32, 7).toString("base64")}`);
    expect(() => stranger.verify(request.body, headersOf(request.headers))).toThrow();
    await expect
      .poll(async () => (await testDb.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveries[0]!.id } })).status)
      .toBe("succeeded");
  });

  it("retries after a 500 and after a timeout, keeping the webhook-id, one attempt row per try", async () => {
    const r = await receiver((i) => (i === 0 ? 500 : i === 1 ? "hang" : 200));
    const endpoint = await createEndpoint(testDb.db, `http://retry.test:${r.port}/`);
    await emitMessage(testDb.db);
    const tries = [await r.next(), await r.next(), await r.next()];
    expect(new Set(tries.map((t) => t.headers["webhook-id"])).size).toBe(1);

    const delivery = await testDb.db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    await expect
      .poll(async () => (await testDb.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).status)
      .toBe("succeeded");
    const attempts = await testDb.db.webhookAttempt.findMany({
      where: { deliveryId: delivery.id },
      orderBy: { id: "asc" },
    });
    expect(attempts.map((a) => [a.attempt, a.responseStatus])).toEqual([
      [1, 500],
      [2, null],
      [3, 200],
    ]);
    expect(attempts[0]?.responseBody).toBe("answer 500");
    expect(attempts[1]?.error).toMatch(/timed out/);
    const done = await testDb.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(done).toMatchObject({ attempts: 3, responseStatus: 200, lastError: null });
    expect(done.latencyMs).not.toBeNull();
  });

  it("signs with both secrets while a rotation's previous secret is still valid", async () => {
    const r = await receiver();
    const endpoint = await createEndpoint(testDb.db, `http://rotate.test:${r.port}/`);
    const fresh = await createEndpoint(testDb.db, `http://unused.test:${r.port}/`);
    await testDb.db.webhookEndpoint.update({ where: { id: fresh.id }, data: { enabled: false } });
    await testDb.db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: {
        secret: box.seal(fresh.secret),
        previousSecret: box.seal(endpoint.secret),
        previousSecretExpiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    await emitMessage(testDb.db);
    const request = await r.next();
    expect(headersOf(request.headers)["webhook-signature"]?.split(" ")).toHaveLength(2);
    for (const secret of [endpoint.secret, fresh.secret]) {
      expect(new Webhook(secret).verify(request.body, headersOf(request.headers))).toBeTruthy();
    }
  });

  it("disables an endpoint whose deliveries keep failing, with a reason and an audit row", async () => {
    const r = await receiver(() => 500);
    const endpoint = await createEndpoint(testDb.db, `http://down.test:${r.port}/`);
    await emitMessage(testDb.db);
    await emitMessage(testDb.db);
    await expect
      .poll(async () => (await testDb.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled, {
        timeout: 15_000,
      })
      .toBe(false);
    const disabled = await testDb.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(disabled.disabledReason).toMatch(/2 deliveries in a row failed every retry/);
    expect(disabled.failingSince).not.toBeNull();
    const deliveries = await testDb.db.webhookDelivery.findMany({ where: { endpointId: endpoint.id } });
    expect(deliveries.map((d) => [d.status, d.attempts])).toEqual([
      ["failed", 3],
      ["failed", 3],
    ]);
    const audit = await testDb.db.auditLog.findMany({
      where: { action: "webhook.disabled", targetId: endpoint.id },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorId).toBeNull();
  });

  it("disables an endpoint on which every delivery has failed for five days", async () => {
    const r = await receiver(() => 503);
    const endpoint = await createEndpoint(testDb.db, `http://stale.test:${r.port}/`);
    const since = new Date(Date.now() - 6 * 86_400_000);
    await testDb.db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince: since } });
    await emitMessage(testDb.db);
    await r.next();
    await expect
      .poll(async () => (await testDb.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled)
      .toBe(false);
    const disabled = await testDb.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(disabled.disabledReason).toMatch(/^Every delivery failed for 6 days/);
  });

  it("refuses a private target before connecting when the local-development setting is off", async () => {
    await setAllowPrivateTargets(testDb.db, false);
    const r = await receiver();
    const endpoint = await createEndpoint(testDb.db, `https://internal.test:${r.port}/`);
    await emitMessage(testDb.db);
    await expect
      .poll(async () => {
        const d = await testDb.db.webhookDelivery.findFirst({ where: { endpointId: endpoint.id } });
        return d?.status;
      })
      .toBe("failed");
    const delivery = await testDb.db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(delivery.lastError).toMatch(/refused internal\.test: 127\.0\.0\.1 is loopback/);
    expect(r.connections).toBe(0);
  });

  it("prunes finished deliveries past the retention, never pending ones", async () => {
    const endpoint = await createEndpoint(testDb.db, "https://prune.test/");
    await testDb.db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { enabled: false } });
    const old = new Date(Date.now() - 40 * 86_400_000);
    const rows = (["succeeded", "failed", "pending"] as const).map((status, i) => ({
      endpointId: endpoint.id,
      eventId: BigInt(-1 - i),
      eventType: "message.created",
      payload: {},
      status,
      createdAt: old,
    }));
    await testDb.db.webhookDelivery.createMany({ data: [...rows, { ...rows[0]!, eventId: -9n, createdAt: new Date() }] });
    expect(await pruneWebhookDeliveries(testDb.db, 30)).toBe(2);
    const left = await testDb.db.webhookDelivery.findMany({ where: { endpointId: endpoint.id } });
    expect(left.map((d) => d.status).sort()).toEqual(["pending", "succeeded"]);
  });
});
