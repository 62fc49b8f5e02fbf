import {
  ALLOW_PRIVATE_TARGETS_SETTING,
  ensureDispatchCursor,
  generateWebhookSecret,
  PING_EVENT_TYPE,
  queueDelivery,
  readAllowPrivateTargets,
  type WebhookEventType,
} from "@parley/agent/webhooks";
import { type Database, type Prisma, uuid7 } from "@parley/db";
import { type Viewer } from "../auth/viewer";
import { DomainError, notFound } from "../errors";
import { webhookSecretBox } from "./secret-box";
import { assertWebhookUrl } from "./target-url";
import {
  toWebhookDeliveryView,
  toWebhookEndpointView,
  webhookDeliveryInclude,
  webhookEndpointSelect,
  type WebhookDeliveryView,
  type WebhookEndpointView,
} from "./views";

/** After a rotation the previous secret keeps signing this long, so receivers can switch over. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60_000;

type Tx = Prisma.TransactionClient;

async function audit(
  tx: Tx,
  viewer: Viewer,
  action: string,
  targetId: string,
  before: Prisma.InputJsonValue | undefined,
  after: Prisma.InputJsonValue | undefined,
) {
  await tx.auditLog.create({
    data: {
      actorId: viewer.id,
      action,
      targetType: "webhook_endpoint",
      targetId,
      ...(before === undefined ? {} : { before }),
      ...(after === undefined ? {} : { after }),
    },
  });
}

async function endpointOrThrow(tx: Tx, id: string) {
  const row = await tx.webhookEndpoint.findUnique({ where: { id }, select: webhookEndpointSelect });
  if (!row) throw notFound("Webhook endpoint");
  return row;
}

/** What the audit log keeps of an endpoint: never a secret. */
const auditable = (e: WebhookEndpointView) => ({
  url: e.url,
  description: e.description,
  eventTypes: e.eventTypes,
  enabled: e.enabled,
});

export async function listWebhookEndpoints(db: Database): Promise<WebhookEndpointView[]> {
  const rows = await db.webhookEndpoint.findMany({
    select: webhookEndpointSelect,
    orderBy: { createdAt: "asc" },
    take: 200,
  });
  return rows.map((row) => toWebhookEndpointView(row));
}

export async function getWebhookEndpoint(db: Database, id: string): Promise<WebhookEndpointView> {
  return toWebhookEndpointView(await endpointOrThrow(db, id));
}

/** The answer holds the signing secret; only its sealed form is stored. */
export async function createWebhookEndpoint(
  db: Database,
  viewer: Viewer,
  input: { url: string; eventTypes: WebhookEventType[]; description: string },
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const secret = generateWebhookSecret();
  return db.$transaction(async (tx) => {
    const url = assertWebhookUrl(input.url, await readAllowPrivateTargets(tx));
    await ensureDispatchCursor(tx);
    const row = await tx.webhookEndpoint.create({
      data: {
        url,
        description: input.description,
        eventTypes: [...new Set(input.eventTypes)],
        secret: webhookSecretBox().seal(secret),
        createdById: viewer.id,
      },
      select: webhookEndpointSelect,
    });
    const endpoint = toWebhookEndpointView(row);
    await audit(tx, viewer, "webhook.created", endpoint.id, undefined, auditable(endpoint));
    return { endpoint, secret };
  });
}

export async function updateWebhookEndpoint(
  db: Database,
  viewer: Viewer,
  input: {
    id: string;
    url?: string | undefined;
    eventTypes?: WebhookEventType[] | undefined;
    description?: string | undefined;
  },
): Promise<WebhookEndpointView> {
  return db.$transaction(async (tx) => {
    const before = toWebhookEndpointView(await endpointOrThrow(tx, input.id));
    const url =
      input.url === undefined ? undefined : assertWebhookUrl(input.url, await readAllowPrivateTargets(tx));
    const row = await tx.webhookEndpoint.update({
      where: { id: input.id },
      data: {
        ...(url === undefined ? {} : { url }),
        ...(input.eventTypes ? { eventTypes: [...new Set(input.eventTypes)] } : {}),
        ...(input.description === undefined ? {} : { description: input.description }),
      },
      select: webhookEndpointSelect,
    });
    const after = toWebhookEndpointView(row);
    await audit(tx, viewer, "webhook.updated", input.id, auditable(before), auditable(after));
    return after;
  });
}

export async function deleteWebhookEndpoint(db: Database, viewer: Viewer, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = toWebhookEndpointView(await endpointOrThrow(tx, id));
    await tx.webhookEndpoint.delete({ where: { id } });
    await audit(tx, viewer, "webhook.deleted", id, auditable(before), undefined);
  });
}

/** A new secret, shown once; the current one keeps signing alongside it for 24 hours. */
export async function rotateWebhookSecret(
  db: Database,
  viewer: Viewer,
  id: string,
  now = new Date(),
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const secret = generateWebhookSecret();
  return db.$transaction(async (tx) => {
    const current = await tx.webhookEndpoint.findUnique({ where: { id }, select: { secret: true } });
    if (!current) throw notFound("Webhook endpoint");
    const expiresAt = new Date(now.getTime() + ROTATION_OVERLAP_MS);
    const row = await tx.webhookEndpoint.update({
      where: { id },
      data: {
        secret: webhookSecretBox().seal(secret),
        previousSecret: current.secret,
        previousSecretExpiresAt: expiresAt,
      },
      select: webhookEndpointSelect,
    });
    await audit(tx, viewer, "webhook.secretRotated", id, undefined, {
      previousSecretExpiresAt: expiresAt.toISOString(),
    });
    return { endpoint: toWebhookEndpointView(row, now), secret };
  });
}

/** Enabling clears the reason and the failing streak; deliveries resume with new events. */
export async function setWebhookEnabled(
  db: Database,
  viewer: Viewer,
  id: string,
  enabled: boolean,
  reason?: string,
): Promise<WebhookEndpointView> {
  return db.$transaction(async (tx) => {
    const before = await endpointOrThrow(tx, id);
    const row = await tx.webhookEndpoint.update({
      where: { id },
      data: enabled
        ? { enabled: true, disabledAt: null, disabledReason: null, failingSince: null }
        : {
            enabled: false,
            disabledAt: new Date(),
            disabledReason: reason?.trim() || `Disabled by ${viewer.displayName}.`,
          },
      select: webhookEndpointSelect,
    });
    await audit(
      tx,
      viewer,
      enabled ? "webhook.enabled" : "webhook.disabled",
      id,
      { enabled: before.enabled, disabledReason: before.disabledReason },
      { enabled: row.enabled, disabledReason: row.disabledReason },
    );
    return toWebhookEndpointView(row);
  });
}

const DELIVERY_PAGE = 25;

/** Newest first; `cursor` is the last id of the previous page (ids are time-ordered uuid7). */
export async function listWebhookDeliveries(
  db: Database,
  input: { endpointId: string; status?: "pending" | "succeeded" | "failed" | undefined; cursor?: string | undefined },
): Promise<{ items: WebhookDeliveryView[]; nextCursor: string | null }> {
  await endpointOrThrow(db, input.endpointId);
  const rows = await db.webhookDelivery.findMany({
    where: {
      endpointId: input.endpointId,
      ...(input.status ? { status: input.status } : {}),
      ...(input.cursor ? { id: { lt: input.cursor } } : {}),
    },
    orderBy: { id: "desc" },
    take: DELIVERY_PAGE + 1,
    include: webhookDeliveryInclude,
  });
  const page = rows.slice(0, DELIVERY_PAGE);
  return {
    items: page.map(toWebhookDeliveryView),
    nextCursor: rows.length > DELIVERY_PAGE ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Sends a delivery again with the same webhook-id and body; its retry schedule starts over. */
export async function redeliverWebhook(
  db: Database,
  viewer: Viewer,
  deliveryId: string,
): Promise<WebhookDeliveryView> {
  return db.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.findUnique({
      where: { id: deliveryId },
      select: { endpointId: true, status: true, endpoint: { select: { enabled: true } } },
    });
    if (!delivery) throw notFound("Webhook delivery");
    if (!delivery.endpoint.enabled) {
      throw new DomainError("CONFLICT", "Enable the endpoint before redelivering");
    }
    const row = await tx.webhookDelivery.update({
      where: { id: deliveryId },
      data: { status: "pending", attempts: 0, nextAttemptAt: null, completedAt: null },
      include: webhookDeliveryInclude,
    });
    await queueDelivery(tx, deliveryId);
    await audit(tx, viewer, "webhook.redelivered", delivery.endpointId, undefined, {
      deliveryId,
      previousStatus: delivery.status,
    });
    return toWebhookDeliveryView(row);
  });
}

/** A `webhook.ping` to this endpoint only, through the same worker path as every delivery. */
export async function pingWebhook(
  db: Database,
  viewer: Viewer,
  endpointId: string,
  now = new Date(),
): Promise<WebhookDeliveryView> {
  return db.$transaction(async (tx) => {
    const endpoint = await endpointOrThrow(tx, endpointId);
    if (!endpoint.enabled) throw new DomainError("CONFLICT", "Enable the endpoint before pinging it");
    const row = await tx.webhookDelivery.create({
      data: {
        id: uuid7(now.getTime()),
        endpointId,
        // Pings have no outbox event: negative ids never collide with real events.
        eventId: -BigInt(now.getTime()) * 1000n - BigInt(Math.floor(Math.random() * 1000)),
        eventType: PING_EVENT_TYPE,
        payload: {
          type: PING_EVENT_TYPE,
          timestamp: now.toISOString(),
          data: { endpointId, requestedBy: viewer.handle },
        },
      },
      include: webhookDeliveryInclude,
    });
    await queueDelivery(tx, row.id);
    await audit(tx, viewer, "webhook.pinged", endpointId, undefined, { deliveryId: row.id });
    return toWebhookDeliveryView(row);
  });
}

export async function readWebhookSettings(db: Database): Promise<{ allowPrivateTargets: boolean }> {
  return { allowPrivateTargets: await readAllowPrivateTargets(db) };
}

/** Private targets (loopback, LAN) are for local development; audited like every setting. */
export async function writeWebhookSettings(
  db: Database,
  viewer: Viewer,
  input: { allowPrivateTargets: boolean },
): Promise<{ allowPrivateTargets: boolean }> {
  return db.$transaction(async (tx) => {
    const before = await readAllowPrivateTargets(tx);
    await tx.siteSetting.upsert({
      where: { key: ALLOW_PRIVATE_TARGETS_SETTING },
      create: { key: ALLOW_PRIVATE_TARGETS_SETTING, value: input.allowPrivateTargets, updatedById: viewer.id },
      update: { value: input.allowPrivateTargets, updatedById: viewer.id },
    });
    await tx.auditLog.create({
      data: {
        actorId: viewer.id,
        action: "settings.webhooks",
        targetType: "site_setting",
        targetId: ALLOW_PRIVATE_TARGETS_SETTING,
        before: { allowPrivateTargets: before },
        after: { allowPrivateTargets: input.allowPrivateTargets },
      },
    });
    return { allowPrivateTargets: input.allowPrivateTargets };
  });
}
