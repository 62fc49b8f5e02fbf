import { once } from "node:events";
import http from "node:http";
import { type AddressInfo } from "node:net";
import { type AgentWorker, readAgentEnv, readWebhookEnv, startAgentWorker } from "@parley/agent";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectTRPCError, useTestApp } from "./harness";

// The API seals secrets with APP_SECRET_KEY and the worker opens them with the same key.
const APP_SECRET_KEY = "webhooks-api-test-".padEnd(48, "s");
process.env.APP_SECRET_KEY = APP_SECRET_KEY;

const app = useTestApp();
let worker: AgentWorker;
let adminId: string;
let memberId: string;

interface Received {
  headers: Record<string, string>;
  body: string;
}

/** A receiver on loopback; `next()` waits for the next request (no sleeping). */
async function startReceiver() {
  const received: Received[] = [];
  const waiters: ((r: Received) => void)[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])),
      );
      const request = { headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(request);
      res.writeHead(200).end("ok");
      waiters.shift()?.(request);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  let seen = 0;
  return {
    port: (server.address() as AddressInfo).port,
    next(): Promise<Received> {
      const already = received[seen++];
      return already ? Promise.resolve(already) : new Promise((resolve) => waiters.push(resolve));
    },
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  adminId = (await app.register("Admin", "admin")).id;
  memberId = (await app.register("Member")).id;
  receiver = await startReceiver();
  worker = await startAgentWorker({
    env: readAgentEnv({ NODE_ENV: "test", AGENT_PROVIDER: "offline", LOG_LEVEL: "error" }),
    connectionString: app.url,
    pollInterval: 50,
    webhooks: {
      env: readWebhookEnv({ NODE_ENV: "test", APP_SECRET_KEY, WEBHOOK_DISPATCH_POLL_MS: "200" }),
      // Only names under .test, only to loopback: no real DNS.
      resolver: (hostname) =>
        Promise.resolve(hostname.endsWith(".test") ? [{ address: "127.0.0.1", family: 4 }] : []),
    },
  });
});
afterAll(async () => {
  await worker.stop();
  receiver.close();
});

async function postMessage(): Promise<string> {
  const member = await app.as(memberId);
  const discussion = await member.discussion.create({ title: "Hooked", body: "first" });
  return discussion.id;
}

describe("webhook administration", () => {
  it("is for admins only", async () => {
    const member = await app.as(memberId);
    await expectTRPCError(member.webhook.list(), "FORBIDDEN");
    await expectTRPCError(
      member.webhook.create({ url: "https://x.example.com", eventTypes: ["message.created"] }),
      "FORBIDDEN",
    );
    const anonymous = await app.as(null);
    expect((await anonymous.webhook.eventTypes()).map((e) => e.type)).toContain("message.created");
  });

  it("takes https, and http only once private targets are allowed for local development", async () => {
    const admin = await app.as(adminId);
    await expectTRPCError(
      admin.webhook.create({ url: `http://hooks.test:${receiver.port}/`, eventTypes: ["message.created"] }),
      "BAD_REQUEST",
    );
    await expectTRPCError(
      admin.webhook.create({ url: "https://user:pw@hooks.example.com/", eventTypes: ["message.created"] }),
      "BAD_REQUEST",
    );
    for (const url of ["https://169.254.169.254/latest", "https://[::1]:8443/", "https://10.0.0.8/"]) {
      await expectTRPCError(admin.webhook.create({ url, eventTypes: ["message.created"] }), "BAD_REQUEST");
    }
    await admin.webhook.updateSettings({ allowPrivateTargets: true });
    expect(await admin.webhook.settings()).toEqual({ allowPrivateTargets: true });
    const audit = await app.db.auditLog.findMany({ where: { action: "settings.webhooks" } });
    expect(audit).toHaveLength(1);
  });

  it("delivers signed events, shows them with their attempt log, and redelivers with the same webhook-id", async () => {
    const admin = await app.as(adminId);
    const { endpoint, secret } = await admin.webhook.create({
      url: `http://hooks.test:${receiver.port}/in`,
      eventTypes: ["discussion.created"],
      description: "CI",
    });
    expect(secret).toMatch(/^whsec_/);
    const stored = await app.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(Buffer.from(stored.secret).toString("utf8")).not.toContain(secret.slice(6, 20));
    expect(JSON.stringify(await admin.webhook.list())).not.toContain(secret);

    const discussionId = await postMessage();
    const first = await receiver.next();
    const payload = new Webhook(secret).verify(first.body, first.headers);
    expect(payload).toMatchObject({ type: "discussion.created", data: { discussion: { id: discussionId } } });

    await expect
      .poll(async () => (await admin.webhook.deliveries({ endpointId: endpoint.id })).items[0]?.status)
      .toBe("succeeded");
    const [delivery] = (await admin.webhook.deliveries({ endpointId: endpoint.id })).items;
    expect(delivery).toMatchObject({
      id: first.headers["webhook-id"],
      eventType: "discussion.created",
      attempts: 1,
      responseStatus: 200,
      attemptLog: [{ attempt: 1, responseStatus: 200, error: null, responseBody: "ok" }],
    });
    expect(delivery?.latencyMs).toBeTypeOf("number");

    await admin.webhook.redeliver({ deliveryId: delivery!.id });
    const again = await receiver.next();
    expect(again.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
    expect(again.body).toBe(first.body);
    expect(new Webhook(secret).verify(again.body, again.headers)).toBeTruthy();
    expect(
      await app.db.auditLog.count({ where: { targetId: endpoint.id, action: { startsWith: "webhook." } } }),
    ).toBe(2); // created, redelivered
    await admin.webhook.delete({ id: endpoint.id });
  });

  it("rotates: the new secret is shown once and both secrets verify for 24 hours", async () => {
    const admin = await app.as(adminId);
    const created = await admin.webhook.create({
      url: `http://hooks.test:${receiver.port}/rotate`,
      eventTypes: ["discussion.created"],
    });
    const rotated = await admin.webhook.rotateSecret({ id: created.endpoint.id });
    expect(rotated.secret).not.toBe(created.secret);
    const overlap = Date.parse(rotated.endpoint.previousSecretExpiresAt!) - Date.now();
    expect(overlap).toBeGreaterThan(23 * 3_600_000);
    expect(overlap).toBeLessThanOrEqual(24 * 3_600_000);

    await postMessage();
    const request = await receiver.next();
    expect(request.headers["webhook-signature"]?.split(" ")).toHaveLength(2);
    for (const secret of [created.secret, rotated.secret]) {
      expect(new Webhook(secret).verify(request.body, request.headers)).toBeTruthy();
    }
    await admin.webhook.delete({ id: created.endpoint.id });
  });

  it("pings, disables with a reason, and enables again", async () => {
    const admin = await app.as(adminId);
    const { endpoint, secret } = await admin.webhook.create({
      url: `http://hooks.test:${receiver.port}/ping`,
      eventTypes: ["message.updated"],
    });
    const ping = await admin.webhook.ping({ id: endpoint.id });
    const request = await receiver.next();
    expect(request.headers["webhook-id"]).toBe(ping.id);
    expect(new Webhook(secret).verify(request.body, request.headers)).toMatchObject({
      type: "webhook.ping",
    });

    const disabled = await admin.webhook.disable({ id: endpoint.id, reason: "maintenance" });
    expect(disabled).toMatchObject({ enabled: false, disabledReason: "maintenance" });
    await expectTRPCError(admin.webhook.ping({ id: endpoint.id }), "CONFLICT");
    const enabled = await admin.webhook.enable({ id: endpoint.id });
    expect(enabled).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
    const updated = await admin.webhook.update({ id: endpoint.id, eventTypes: ["message.created", "message.deleted"] });
    expect(updated.eventTypes).toEqual(["message.created", "message.deleted"]);
    await admin.webhook.delete({ id: endpoint.id });
    await expectTRPCError(admin.webhook.get({ id: endpoint.id }), "NOT_FOUND");
  });
});
