import { z } from "zod";
import { discussionStatusSchema, discussionSummarySchema } from "../../views/discussion";

export const TITLE_MIN = 3;
export const TITLE_MAX = 200;
export const BODY_MAX = 20_000;

export const titleSchema = z.string().trim().min(TITLE_MIN, `Title must be at least ${TITLE_MIN} characters`).max(TITLE_MAX);
export const bodySchema = z.string().trim().min(1, "Write something first").max(BODY_MAX, `Messages are limited to ${BODY_MAX} characters`);

export const listDiscussionsInput = z.object({
  status: discussionStatusSchema.optional(),
  labelId: z.uuid().optional(),
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(20),
});
export const listDiscussionsOutput = z.object({
  items: z.array(discussionSummarySchema),
  nextCursor: z.string().nullable(),
});

export const discussionIdInput = z.object({ id: z.uuid() });
export const createDiscussionInput = z.object({ title: titleSchema, body: bodySchema });
export const updateDiscussionInput = z.object({
  id: z.uuid(),
  title: titleSchema.optional(),
  status: discussionStatusSchema.optional(),
});
