/** What the API shares with the webhook worker: pure helpers and SQL, no worker runtime. */
export { createSecretBox, type SecretBox } from "./secret-box";
export { generateWebhookSecret, SECRET_PREFIX, signatureHeader } from "./signing";
export {
  PING_EVENT_TYPE,
  WEBHOOK_EVENT_DESCRIPTIONS,
  WEBHOOK_EVENT_TYPES,
  webhookEventTypeSchema,
  type WebhookEventType,
} from "./event-types";
export { ALLOW_PRIVATE_TARGETS_SETTING, readAllowPrivateTargets } from "./settings";
export { ensureDispatchCursor, queueDelivery } from "./queue";
export { refusalOf } from "./address-guard";
