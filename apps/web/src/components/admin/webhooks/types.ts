import type { RouterOutputs } from "@parley/api";

export type WebhookEndpoint = RouterOutputs["webhook"]["list"][number];
export type WebhookEventTypeInfo = RouterOutputs["webhook"]["eventTypes"][number];
export type WebhookEventType = WebhookEventTypeInfo["type"];
export type WebhookDelivery = RouterOutputs["webhook"]["deliveries"]["items"][number];
