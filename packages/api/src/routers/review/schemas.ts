import { z } from "zod";
import { text } from "../text";
import { reviewItemKindSchema, reviewItemStatusSchema } from "../../moderation/events";
import { restRoute } from "../../rest/meta";
import { userRefSchema } from "../../views/user";
import { bodySchema } from "../discussion/schemas";

export const flagReasonSchema = z.enum(["spam", "abuse", "off_topic", "other"]);

export const createFlagInput = z.object({
  messageId: z.uuid(),
  reason: flagReasonSchema,
  note: text().trim().max(1000).optional(),
});

export const flagOutput = z.object({
  id: z.uuid(),
  messageId: z.uuid(),
  reason: flagReasonSchema,
  note: z.string(),
  createdAt: z.iso.datetime(),
});

export const listReviewInput = z.object({
  /** Default: the open queue. */
  status: reviewItemStatusSchema.default("open"),
  kind: reviewItemKindSchema.optional(),
  cursor: text().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
});

export const reviewItemViewSchema = z.object({
  id: z.uuid(),
  kind: reviewItemKindSchema,
  status: reviewItemStatusSchema,
  reason: z.string(),
  /** The toxicity classifier's label and score, when it opened the item. */
  label: z.string().nullable(),
  score: z.number().nullable(),
  occurrences: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
  resolvedBy: userRefSchema.nullable(),
  resolution: z.string().nullable(),
  message: z
    .object({
      id: z.uuid(),
      body: z.string(),
      status: z.enum(["published", "held", "rejected"]),
      statusReason: z.string().nullable(),
      createdAt: z.iso.datetime(),
      editedAt: z.iso.datetime().nullable(),
      deletedAt: z.iso.datetime().nullable(),
      author: userRefSchema,
      discussion: z.object({ id: z.uuid(), title: z.string() }),
    })
    .nullable(),
  /** The account concerned (the author, or the account that hit rate limits). */
  subject: userRefSchema.nullable(),
  flags: z.array(
    z.object({
      id: z.uuid(),
      reason: flagReasonSchema,
      note: z.string(),
      reporter: userRefSchema,
      createdAt: z.iso.datetime(),
    }),
  ),
});
export type ReviewItemView = z.infer<typeof reviewItemViewSchema>;

export const listReviewOutput = z.object({
  items: z.array(reviewItemViewSchema),
  nextCursor: z.string().nullable(),
});

export const reviewActionSchema = z.enum(["approve", "reject", "redact", "edit", "dismiss"]);
export type ReviewAction = z.infer<typeof reviewActionSchema>;

export const resolveReviewInput = z.object({
  id: z.uuid(),
  action: reviewActionSchema,
  /** The new body, for `edit`. */
  body: bodySchema.optional(),
  /** Shown to the author for `reject`; recorded with any action. */
  reason: text().trim().max(500).optional(),
});

export const createFlagRoute = restRoute("POST", "/messages/{messageId}/flags", {
  summary: "Flag a message for moderators",
  description: "One flag per member and message; not on your own messages.",
  tag: "Moderation",
  auth: "required",
  errors: [403, 404, 409, 429],
});

export const listReviewRoute = restRoute("GET", "/review-items", {
  summary: "The moderators' review queue",
  tag: "Moderation",
  auth: "required",
  errors: [400, 403],
});

export const resolveReviewRoute = restRoute("POST", "/review-items/{id}/resolve", {
  summary: "Resolve a review item: approve, reject, redact, edit or dismiss",
  tag: "Moderation",
  auth: "required",
  errors: [403, 404, 409],
});
