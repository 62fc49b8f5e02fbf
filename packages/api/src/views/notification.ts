import { z } from "zod";
import { type Prisma } from "@parley/db";
import { userRefSchema, userRefSelect } from "./user";

const EXCERPT_LENGTH = 160;

export const notificationViewSchema = z.object({
  id: z.uuid(),
  kind: z.enum(["mention", "reply"]),
  /** Who mentioned or replied; null once that account is gone. */
  actor: userRefSchema.nullable(),
  discussion: z.object({ id: z.uuid(), title: z.string() }),
  message: z.object({ id: z.uuid(), excerpt: z.string() }),
  readAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type NotificationView = z.infer<typeof notificationViewSchema>;

/** Written to the outbox with no discussion; live.notifications passes it to `userId` only. */
export const notificationCreatedEventSchema = z.object({
  type: z.literal("notification.created"),
  userId: z.uuid(),
  notification: notificationViewSchema,
});
export type NotificationCreatedEvent = z.infer<typeof notificationCreatedEventSchema>;

export const notificationViewSelect = {
  id: true,
  kind: true,
  readAt: true,
  createdAt: true,
  actor: { select: userRefSelect },
  message: { select: { id: true, body: true, discussion: { select: { id: true, title: true } } } },
} as const satisfies Prisma.NotificationSelect;

type NotificationRow = Prisma.NotificationGetPayload<{ select: typeof notificationViewSelect }>;

function excerptOf(body: string): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat;
}

/** Every notification row of ours has a message (they are made for messages only). */
export function toNotificationView(row: NotificationRow): NotificationView | null {
  if (!row.message) return null;
  return {
    id: row.id,
    kind: row.kind,
    actor: row.actor,
    discussion: row.message.discussion,
    message: { id: row.message.id, excerpt: excerptOf(row.message.body) },
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
