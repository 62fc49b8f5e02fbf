import { z } from "zod";
import { text } from "../text";
import { restRoute } from "../../rest/meta";
import { notificationViewSchema } from "../../views/notification";

export const listNotificationsInput = z.object({
  unreadOnly: z.boolean().optional(),
  cursor: text().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(20),
});
export const listNotificationsOutput = z.object({
  items: z.array(notificationViewSchema),
  nextCursor: z.string().nullable(),
});

export const unreadCountOutput = z.object({ count: z.number().int() });

export const markReadInput = z
  .object({
    ids: z.array(z.uuid()).min(1).max(100).optional(),
    all: z.literal(true).optional(),
  })
  .refine((input) => (input.ids === undefined) !== (input.all === undefined), {
    error: "Give either ids or all: true",
  });
export const markReadOutput = z.object({ updated: z.number().int(), unreadCount: z.number().int() });

export const notificationEventsInput = z.object({
  /** Set by the SSE client from Last-Event-ID when it reconnects. */
  lastEventId: text().max(50).nullish(),
});

export const listNotificationsRoute = restRoute("GET", "/notifications", {
  summary: "Your notifications",
  description: "Mentions of you and replies to your messages, newest first. Pass `nextCursor` as `cursor` for older ones.",
  tag: "Notifications",
  auth: "required",
  errors: [400, 401],
});
export const unreadCountRoute = restRoute("GET", "/notifications/unread-count", {
  summary: "How many of your notifications are unread",
  tag: "Notifications",
  auth: "required",
  errors: [401],
});
export const markReadRoute = restRoute("POST", "/notifications/read", {
  summary: "Mark notifications read",
  description: "Either `ids` (your own; others are ignored) or `all: true`.",
  tag: "Notifications",
  auth: "required",
  errors: [400, 401],
});
