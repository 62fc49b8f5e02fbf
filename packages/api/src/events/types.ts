import { type AgentEvent, agentJobUpdatedEventSchema } from "@parley/agent/contracts";
import { z } from "zod";
import { type ReviewQueueEvent } from "../moderation/events";
import { discussionSummarySchema } from "../views/discussion";
import { type NotificationCreatedEvent } from "../views/notification";
import { messageViewSchema } from "../views/message";

export const liveThreadEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.enum(["message.created", "message.updated", "message.deleted"]),
    message: messageViewSchema,
    /** Set when a message others could see became held or rejected: they get it withdrawn. */
    wasPublished: z.boolean().optional(),
  }),
  z.object({ type: z.literal("discussion.updated"), discussion: discussionSummarySchema }),
  /** Summaries and label suggestions of the thread (drafts are private to their requester). */
  agentJobUpdatedEventSchema,
]);
export type LiveThreadEvent = z.infer<typeof liveThreadEventSchema>;

export const liveDiscussionEventSchema = z.object({
  type: z.enum(["discussion.created", "discussion.updated"]),
  discussion: discussionSummarySchema,
});
export type LiveDiscussionEvent = z.infer<typeof liveDiscussionEventSchema>;

/** Every event the outbox carries, by topic. */
export type OutboxEvent = LiveThreadEvent | LiveDiscussionEvent | AgentEvent | ReviewQueueEvent | NotificationCreatedEvent;
export type Topic = OutboxEvent["type"];
