import { z } from "zod";

export const reviewItemKindSchema = z.enum([
  "message_held",
  "message_flagged",
  "message_blocked",
  "message_redacted",
  "account_rate_limited",
]);
export const reviewItemStatusSchema = z.enum(["open", "approved", "rejected", "dismissed"]);

/**
 * The review queue's live events (outbox rows with no discussion): ids and state only, the
 * admin page reads the item itself. Delivered to moderators alone (live.reviewQueue).
 */
export const reviewQueueEventSchema = z.object({
  type: z.enum(["review.item.opened", "review.item.updated", "review.item.resolved"]),
  item: z.object({
    id: z.uuid(),
    kind: reviewItemKindSchema,
    status: reviewItemStatusSchema,
    messageId: z.uuid().nullable(),
    subjectId: z.uuid().nullable(),
    occurrences: z.number().int(),
  }),
});
export type ReviewQueueEvent = z.infer<typeof reviewQueueEventSchema>;
