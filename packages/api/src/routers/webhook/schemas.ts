import { z } from "zod";
import { text } from "../text";
import { restRoute } from "../../rest/meta";
import {
  webhookDeliveryStatusSchema,
  webhookEndpointSchema,
  webhookEventTypeSchema,
} from "../../webhooks/views";

const url = text().trim().min(1).max(2000);
const eventTypes = z.array(webhookEventTypeSchema).min(1).max(50);
const description = text().trim().max(500);

export const endpointIdInput = z.object({ id: z.uuid() });

export const createWebhookInput = z.object({
  url,
  eventTypes,
  description: description.default(""),
});
export const updateWebhookInput = z.object({
  id: z.uuid(),
  url: url.optional(),
  eventTypes: eventTypes.optional(),
  description: description.optional(),
});
export const disableWebhookInput = z.object({
  id: z.uuid(),
  reason: text().trim().max(300).optional(),
});

/** The secret is in this answer only. */
export const webhookWithSecretOutput = z.object({
  endpoint: webhookEndpointSchema,
  secret: z.string().describe("The whsec_ signing secret, shown this once."),
});

export const deliveriesInput = z.object({
  endpointId: z.uuid(),
  status: webhookDeliveryStatusSchema.optional(),
  cursor: z.uuid().optional(),
});
export const redeliverInput = z.object({ deliveryId: z.uuid() });

export const eventTypesOutput = z.array(
  z.object({ type: webhookEventTypeSchema, description: z.string() }),
);
export const webhookSettingsSchema = z.object({
  /** Let webhooks target loopback and private addresses, and use http (local development). */
  allowPrivateTargets: z.boolean(),
});

const admin = { tag: "Webhooks", auth: "required" } as const;

export const listRoute = restRoute("GET", "/webhooks", {
  ...admin,
  summary: "Webhook endpoints (admins)",
  errors: [401, 403],
});
export const createRoute = restRoute("POST", "/webhooks", {
  ...admin,
  summary: "Register a webhook endpoint (admins)",
  description: "The answer holds the `whsec_` signing secret, shown this once. See docs/webhooks.md.",
  errors: [401, 403],
});
export const updateRoute = restRoute("PATCH", "/webhooks/{id}", {
  ...admin,
  summary: "Change a webhook endpoint's URL, event types or description (admins)",
  errors: [401, 403, 404],
});
export const deleteRoute = restRoute("DELETE", "/webhooks/{id}", {
  ...admin,
  summary: "Delete a webhook endpoint and its delivery log (admins)",
  errors: [401, 403, 404],
});
export const rotateRoute = restRoute("POST", "/webhooks/{id}/rotate-secret", {
  ...admin,
  summary: "Rotate a webhook endpoint's signing secret (admins)",
  description:
    "The new secret is shown this once; the previous one keeps signing for 24 hours (both signatures are sent).",
  errors: [401, 403, 404],
});
export const enableRoute = restRoute("POST", "/webhooks/{id}/enable", {
  ...admin,
  summary: "Enable a webhook endpoint (admins)",
  errors: [401, 403, 404],
});
export const disableRoute = restRoute("POST", "/webhooks/{id}/disable", {
  ...admin,
  summary: "Disable a webhook endpoint (admins)",
  errors: [401, 403, 404],
});
export const pingRoute = restRoute("POST", "/webhooks/{id}/ping", {
  ...admin,
  summary: "Send a webhook.ping to an endpoint (admins)",
  errors: [401, 403, 404, 409],
});
export const deliveriesRoute = restRoute("GET", "/webhooks/{endpointId}/deliveries", {
  ...admin,
  summary: "An endpoint's deliveries with their attempt log, newest first (admins)",
  errors: [400, 401, 403, 404],
});
export const redeliverRoute = restRoute("POST", "/webhook-deliveries/{deliveryId}/redeliver", {
  ...admin,
  summary: "Send a delivery again, with the same webhook-id (admins)",
  errors: [401, 403, 404, 409],
});
export const eventTypesRoute = restRoute("GET", "/webhook-event-types", {
  tag: "Webhooks",
  auth: "none",
  summary: "The event types webhooks can subscribe to",
  errors: [],
});
export const settingsRoute = restRoute("GET", "/webhook-settings", {
  ...admin,
  summary: "Webhook settings (admins)",
  errors: [401, 403],
});
export const updateSettingsRoute = restRoute("PATCH", "/webhook-settings", {
  ...admin,
  summary: "Change webhook settings (admins)",
  errors: [401, 403],
});
