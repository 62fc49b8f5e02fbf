import { type Database, type Prisma } from "@parley/db";
import { extractMentions } from "@parley/markdown";
import { type Viewer } from "../auth/viewer";
import { appendEvent } from "../events/outbox";
import {
  type NotificationView,
  notificationViewSelect,
  toNotificationView,
} from "../views/notification";
import { cutPage, decodeOptionalKeyset, keysetWhere } from "../paging/keyset";

type Tx = Prisma.TransactionClient;

// Notifications point at messages others can read: deleted, held or rejected ones drop out.
const visibleMessage = {
  is: { deletedAt: null, status: "published" },
} satisfies Prisma.NotificationWhereInput["message"];

/**
 * Notifies, in the caller's transaction, whoever a published message concerns: accounts it
 * @mentions (only handles not already in `previousBody`, on an edit) and the author of the
 * message it replies to. Never the message's own author; a held or rejected message notifies
 * nobody (moderation calls this again when it approves one). Safe to call twice: one row per
 * (recipient, message, kind).
 */
export async function notifyForMessage(
  tx: Tx,
  messageId: string,
  options: { previousBody?: string } = {},
): Promise<void> {
  const message = await tx.message.findUnique({
    where: { id: messageId },
    select: {
      id: true,
      authorId: true,
      body: true,
      discussionId: true,
      status: true,
      deletedAt: true,
      parent: { select: { authorId: true } },
    },
  });
  if (!message || message.status !== "published" || message.deletedAt) return;

  const replyTo =
    message.parent && message.parent.authorId !== message.authorId ? message.parent.authorId : null;
  const before = new Set(
    options.previousBody === undefined ? [] : extractMentions(options.previousBody),
  );
  const handles = extractMentions(message.body).filter((handle) => !before.has(handle));
  const mentioned = handles.length
    ? await tx.user.findMany({
        where: {
          handle: { in: handles },
          status: { not: "banned" },
          id: { not: message.authorId },
        },
        select: { id: true },
      })
    : [];

  const rows: Prisma.NotificationCreateManyInput[] = [];
  if (replyTo) rows.push({ userId: replyTo, kind: "reply" });
  // The replied-to author gets one notification, the reply, even when also mentioned.
  for (const { id } of mentioned) if (id !== replyTo) rows.push({ userId: id, kind: "mention" });
  if (!rows.length) return;

  const created = await tx.notification.createManyAndReturn({
    data: rows.map((row) => ({
      ...row,
      actorId: message.authorId,
      discussionId: message.discussionId,
      messageId,
    })),
    skipDuplicates: true,
    select: { id: true },
  });
  if (!created.length) return;
  const views = await tx.notification.findMany({
    where: { id: { in: created.map((row) => row.id) } },
    select: { ...notificationViewSelect, userId: true },
  });
  for (const row of views) {
    const notification = toNotificationView(row);
    if (notification)
      await appendEvent(tx, null, {
        type: "notification.created",
        userId: row.userId,
        notification,
      });
  }
}

export async function listNotifications(
  db: Database,
  viewer: Viewer,
  input: { unreadOnly?: boolean | undefined; cursor?: string | null | undefined; limit: number },
): Promise<{ items: NotificationView[]; nextCursor: string | null }> {
  const rows = await db.notification.findMany({
    where: {
      userId: viewer.id,
      message: visibleMessage,
      ...(input.unreadOnly ? { readAt: null } : {}),
      ...keysetWhere("createdAt", decodeOptionalKeyset(input.cursor), "desc"),
    },
    select: notificationViewSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
  });
  const { page, nextCursor } = cutPage(rows, input.limit, (row) => ({
    at: row.createdAt,
    id: row.id,
  }));
  return { items: page.map(toNotificationView).filter((view) => view !== null), nextCursor };
}

export async function unreadNotificationCount(db: Database, viewer: Viewer): Promise<number> {
  return db.notification.count({
    where: { userId: viewer.id, readAt: null, message: visibleMessage },
  });
}

/** Marks the viewer's own notifications read (others' ids are ignored); returns what is left unread. */
export async function markNotificationsRead(
  db: Database,
  viewer: Viewer,
  input: { ids?: string[] | undefined; all?: boolean | undefined },
): Promise<{ updated: number; unreadCount: number }> {
  const { count } = await db.notification.updateMany({
    where: {
      userId: viewer.id,
      readAt: null,
      ...(input.all ? {} : { id: { in: input.ids ?? [] } }),
    },
    data: { readAt: new Date() },
  });
  return { updated: count, unreadCount: await unreadNotificationCount(db, viewer) };
}
