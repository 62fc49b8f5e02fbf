import { z } from "zod";

/**
 * The event types an endpoint can subscribe to (docs/webhooks.md). Only public events: messages
 * once published, discussions (labels included), and finished summaries and label suggestions.
 * Streaming deltas, reply drafts and held or rejected messages never leave the site.
 */
export const WEBHOOK_EVENT_TYPES = [
  "message.created",
  "message.updated",
  "message.deleted",
  "message.withdrawn",
  "discussion.created",
  "discussion.updated",
  "agent.job.completed",
  "agent.job.failed",
] as const;
export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;

/** Sent only by an admin's test ping, to that one endpoint. */
export const PING_EVENT_TYPE = "webhook.ping";

export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  "message.created": "A message was posted and is visible to everyone.",
  "message.updated":
    "A published message was edited, or a held message was approved (then it is the first event of that message).",
  "message.deleted": "A published message was deleted (its body is empty).",
  "message.withdrawn":
    "A published message was hidden by moderation (held or rejected): drop your copy. Only its ids are sent.",
  "discussion.created": "A discussion was started.",
  "discussion.updated":
    "A discussion changed: title, status, message count, last activity or labels.",
  "agent.job.completed": "A thread summary or label classification finished.",
  "agent.job.failed": "A thread summary or label classification failed or was blocked.",
};

export interface WebhookEvent {
  type: WebhookEventType;
  data: Record<string, unknown>;
}

const record = z.record(z.string(), z.unknown());
const messageEvent = z.object({
  type: z.enum(["message.created", "message.updated", "message.deleted"]),
  message: z.looseObject({ id: z.string(), discussionId: z.string(), status: z.string().optional() }),
  /** Set when a published message stopped being published in this change. */
  wasPublished: z.boolean().optional(),
});
const discussionEvent = z.object({
  type: z.enum(["discussion.created", "discussion.updated"]),
  discussion: record,
});
const agentJobEvent = z.object({
  type: z.literal("agent.job.updated"),
  job: z.looseObject({ type: z.string(), status: z.string() }),
});

/**
 * What an outbox event becomes for webhooks, or null when it is not public. A message without
 * a status predates moderation and counts as published.
 */
export function toWebhookEvent(payload: unknown): WebhookEvent | null {
  const message = messageEvent.safeParse(payload);
  if (message.success) {
    const { id, discussionId, status = "published" } = message.data.message;
    if (status !== "published") {
      return message.data.wasPublished
        ? { type: "message.withdrawn", data: { message: { id, discussionId } } }
        : null;
    }
    const { statusReason: _private, ...publicMessage } = message.data.message;
    return { type: message.data.type, data: { message: publicMessage } };
  }
  const discussion = discussionEvent.safeParse(payload);
  if (discussion.success) {
    return { type: discussion.data.type, data: { discussion: discussion.data.discussion } };
  }
  const job = agentJobEvent.safeParse(payload);
  if (job.success && job.data.job.type !== "draft_reply") {
    const { status } = job.data.job;
    if (status === "completed") return { type: "agent.job.completed", data: { job: job.data.job } };
    if (status === "failed" || status === "blocked")
      return { type: "agent.job.failed", data: { job: job.data.job } };
  }
  return null;
}
