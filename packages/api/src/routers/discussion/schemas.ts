import { z } from "zod";
import { text } from "../text";
import { restRoute } from "../../rest/meta";
import { discussionStatusSchema, discussionSummarySchema } from "../../views/discussion";

export const TITLE_MIN = 3;
export const TITLE_MAX = 200;
export const BODY_MAX = 20_000;

export const titleSchema = text().trim().min(TITLE_MIN, `Title must be at least ${TITLE_MIN} characters`).max(TITLE_MAX);
export const bodySchema = text().trim().min(1, "Write something first").max(BODY_MAX, `Messages are limited to ${BODY_MAX} characters`);

export const listDiscussionsInput = z.object({
  status: discussionStatusSchema.optional(),
  labelId: z.uuid().optional(),
  cursor: text().max(200).nullish(),
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

export const listDiscussionsRoute = restRoute("GET", "/discussions", {
  summary: "List discussions",
  description: "Newest activity first. Pass `nextCursor` from a page as `cursor` to get the next one.",
  tag: "Discussions",
  auth: "optional",
  errors: [400, 401],
});
export const getDiscussionRoute = restRoute("GET", "/discussions/{id}", {
  summary: "Get a discussion",
  tag: "Discussions",
  auth: "optional",
  errors: [400, 401, 404],
});
export const createDiscussionRoute = restRoute("POST", "/discussions", {
  summary: "Start a discussion",
  description: "Creates the discussion with its first message. Honours `Idempotency-Key`.",
  tag: "Discussions",
  auth: "required",
  errors: [401, 403],
});
export const updateDiscussionRoute = restRoute("PATCH", "/discussions/{id}", {
  summary: "Rename, close or reopen a discussion",
  description: "Its author or a moderator may change the title and the status.",
  tag: "Discussions",
  auth: "required",
  errors: [401, 403, 404],
});
