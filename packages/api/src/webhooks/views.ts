import { WEBHOOK_EVENT_TYPES } from "@parley/agent/webhooks";
import { z } from "zod";
import { type Prisma } from "@parley/db";

export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);

export const webhookEndpointSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.string()),
  enabled: z.boolean(),
  disabledAt: z.iso.datetime().nullable(),
  /** Why it was disabled: by an admin, or automatically after failing for long. */
  disabledReason: z.string().nullable(),
  /** Since when every try has failed (null once one succeeds). */
  failingSince: z.iso.datetime().nullable(),
  /** While set, the previous secret also signs (24 h after a rotation). */
  previousSecretExpiresAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type WebhookEndpointView = z.infer<typeof webhookEndpointSchema>;

export const webhookEndpointSelect = {
  id: true,
  url: true,
  description: true,
  eventTypes: true,
  enabled: true,
  disabledAt: true,
  disabledReason: true,
  failingSince: true,
  previousSecretExpiresAt: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.WebhookEndpointSelect;

type EndpointRow = Prisma.WebhookEndpointGetPayload<{ select: typeof webhookEndpointSelect }>;

export function toWebhookEndpointView(row: EndpointRow, now = new Date()): WebhookEndpointView {
  const expires = row.previousSecretExpiresAt;
  return {
    ...row,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    failingSince: row.failingSince?.toISOString() ?? null,
    previousSecretExpiresAt: expires && expires > now ? expires.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const webhookAttemptSchema = z.object({
  attempt: z.number().int(),
  responseStatus: z.number().int().nullable(),
  latencyMs: z.number().int().nullable(),
  error: z.string().nullable(),
  /** The first 4 KB of the receiver's answer. */
  responseBody: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export const webhookDeliveryStatusSchema = z.enum(["pending", "succeeded", "failed"]);

export const webhookDeliverySchema = z.object({
  /** The `webhook-id` header: the same on every try and on redelivery. */
  id: z.uuid(),
  endpointId: z.uuid(),
  eventType: z.string(),
  status: webhookDeliveryStatusSchema,
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  latencyMs: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
  /** The JSON body sent: { type, timestamp, data }. */
  payload: z.record(z.string(), z.unknown()),
  attemptLog: z.array(webhookAttemptSchema),
});
export type WebhookDeliveryView = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryInclude = {
  attemptsLog: { orderBy: { id: "asc" }, take: 50 },
} as const satisfies Prisma.WebhookDeliveryInclude;

type DeliveryRow = Prisma.WebhookDeliveryGetPayload<{ include: typeof webhookDeliveryInclude }>;

const payloadSchema = z.record(z.string(), z.unknown());

export function toWebhookDeliveryView(row: DeliveryRow): WebhookDeliveryView {
  const payload = payloadSchema.safeParse(row.payload);
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventType: row.eventType,
    status: row.status,
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    latencyMs: row.latencyMs,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    payload: payload.success ? payload.data : {},
    attemptLog: row.attemptsLog.map((a) => ({
      attempt: a.attempt,
      responseStatus: a.responseStatus,
      latencyMs: a.latencyMs,
      error: a.error,
      responseBody: a.responseBody,
      createdAt: a.createdAt.toISOString(),
    })),
  };
}
