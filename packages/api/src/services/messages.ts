import { type Database, type MessageStatus, Prisma, uuid7 } from "@parley/db";
import { type Viewer } from "../auth/viewer";
import { DomainError, forbidden, notFound } from "../errors";
import { appendEvent } from "../events/outbox";
import { type OutboxEvent } from "../events/types";
import { canDeleteMessage, isModerator } from "../policies/access";
import { assertMayPostInLocked } from "../policies/locked";
import { discussionSummarySelect, toDiscussionSummary } from "../views/discussion";
import { attachUploads, uploadsToAttach, withUploads } from "./attachments";
import {
  messageViewColumns,
  messageViewSelect,
  toMessageView,
  toMessageViews,
  type MessageView,
} from "../views/message";
import { userRefSelect } from "../views/user";
import { notifyForMessage } from "./notifications";
import { insertDecisionSql, needsFollowUps, recordScreening, recordScreeningFollowUps } from "../moderation/record";
import { type Screening, screenText, statusAfterEdit } from "../moderation/screen";
import { canSeeMessage, visibleMessagesSql } from "../moderation/visibility";
import { type Deps } from "./discussions";
import { decodeOptionalKeyset, encodeKeyset } from "../paging/keyset";

type Tx = Prisma.TransactionClient;

export interface MessagePage {
  /** Oldest first, whichever way the page was read. */
  items: MessageView[];
  /** Reads on towards newer messages; null when the page reached the newest one. */
  nextCursor: string | null;
  /** Reads back towards older messages; null when the page reached the first one. */
  prevCursor: string | null;
}

/**
 * One page of a thread in posting order, from either end, from a cursor in either direction,
 * or starting at a given message (`anchor`: a permalink, the first unread). The keyset is a
 * row comparison on the index (discussion_id, created_at, id), so a page costs the same at
 * the start of a 1M-message thread as at its end (docs/performance.md).
 */
export async function listMessages(
  db: Database,
  input: {
    discussionId: string;
    cursor?: string | null | undefined;
    direction?: "forward" | "backward" | undefined;
    anchor?: string | null | undefined;
    limit: number;
  },
  viewer: Viewer | null = null,
): Promise<MessagePage> {
  const backward = input.direction === "backward";
  let from = decodeOptionalKeyset(input.cursor);
  let inclusive = false;
  if (!from && input.anchor) {
    const [anchor] = await db.$queryRaw<{ created_at: Date; id: string }[]>`
      SELECT created_at, id FROM messages WHERE id = ${input.anchor}::uuid AND discussion_id = ${input.discussionId}::uuid`;
    if (!anchor) throw notFound("Message");
    from = { at: anchor.created_at, id: anchor.id };
    inclusive = true;
  }
  const bound = !from
    ? Prisma.empty
    : backward
      ? Prisma.sql`AND (m.created_at, m.id) < (${from.at}::timestamptz, ${from.id}::uuid)`
      : inclusive
        ? Prisma.sql`AND (m.created_at, m.id) >= (${from.at}::timestamptz, ${from.id}::uuid)`
        : Prisma.sql`AND (m.created_at, m.id) > (${from.at}::timestamptz, ${from.id}::uuid)`;
  const order = backward
    ? Prisma.sql`m.created_at DESC, m.id DESC`
    : Prisma.sql`m.created_at, m.id`;
  const rows = await db.$queryRaw<unknown[]>`
    SELECT ${messageViewColumns}
    FROM messages m JOIN users u ON u.id = m.author_id
    WHERE m.discussion_id = ${input.discussionId}::uuid ${bound} AND ${visibleMessagesSql(viewer)}
    ORDER BY ${order} LIMIT ${input.limit + 1}`;
  if (rows.length === 0) {
    const exists = await db.discussion.findUnique({
      where: { id: input.discussionId },
      select: { id: true },
    });
    if (!exists) throw notFound("Discussion");
  }
  const more = rows.length > input.limit;
  const page = toMessageViews(rows.slice(0, input.limit));
  if (backward) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  const position = (m: MessageView) => encodeKeyset({ at: new Date(m.createdAt), id: m.id });
  return {
    items: page,
    nextCursor: last && (backward ? from !== null : more) ? position(last) : null,
    prevCursor: first && (backward ? more : from !== null) ? position(first) : null,
  };
}

async function openDiscussionOrThrow(tx: Pick<Database, "discussion">, discussionId: string, viewer: Viewer) {
  const discussion = await tx.discussion.findUnique({
    where: { id: discussionId },
    select: { id: true, status: true, locked: true },
  });
  if (!discussion) throw notFound("Discussion");
  if (discussion.status === "closed")
    throw new DomainError("CONFLICT", "This discussion is closed");
  assertMayPostInLocked(viewer, discussion);
  return discussion;
}

/** Bumps the discussion's activity and announces it, so lists reorder live. */
async function touchDiscussion(tx: Tx, discussionId: string, data: Prisma.DiscussionUpdateInput) {
  const row = await tx.discussion.update({
    where: { id: discussionId },
    data,
    select: discussionSummarySelect,
  });
  await appendEvent(tx, discussionId, {
    type: "discussion.updated",
    discussion: toDiscussionSummary(row),
  });
}

/** ISO 8601 in UTC with milliseconds, as Date#toISOString writes it, for payloads built in SQL. */
const isoSql = (column: Prisma.Sql) => Prisma.sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A new message in ONE statement (docs/performance.md): bump the discussion (only if it takes
 * posts from this viewer; count and activity only for a published message), insert the
 * message, its moderation decision, and both outbox events, message.created before
 * discussion.updated. Run on its own it commits in the same round trip, so the discussion's
 * row lock is held for one statement; returns the message's time, or nothing if the
 * discussion refused the post.
 */
function postMessageSql(post: {
  id: string;
  discussionId: string;
  parentId: string | null;
  viewer: Viewer;
  screening: Screening;
  /** The message.created event, but for its createdAt (the database's clock decides it). */
  created: OutboxEvent & { type: "message.created" };
}): Prisma.Sql {
  const { id, discussionId, parentId, viewer, screening, created } = post;
  const published = screening.status === "published";
  return Prisma.sql`
    WITH d AS (
      UPDATE discussions SET
        message_count = message_count + ${published ? 1 : 0}::int,
        last_activity_at = CASE WHEN ${published} THEN GREATEST(last_activity_at, now()) ELSE last_activity_at END,
        updated_at = CASE WHEN ${published} THEN now() ELSE updated_at END
      WHERE id = ${discussionId}::uuid AND status = 'open' AND (NOT locked OR ${isModerator(viewer)})
      RETURNING *
    ), m AS (
      INSERT INTO messages (id, discussion_id, parent_id, author_id, body, status, status_reason, created_at)
      SELECT ${id}::uuid, d.id, ${parentId}::uuid, ${viewer.id}::uuid, ${screening.body},
             ${screening.status}::"MessageStatus", ${screening.statusReason}, now()
      FROM d
      RETURNING created_at
    ), decision AS (
      ${insertDecisionSql(id, screening, Prisma.sql`FROM m`)}
    ), created AS (
      INSERT INTO events (topic, discussion_id, payload)
      SELECT 'message.created', d.id,
             jsonb_set(${JSON.stringify(created)}::jsonb, '{message,createdAt}', to_jsonb(${isoSql(Prisma.sql`m.created_at`)}))
      FROM d, m
      RETURNING id
    ), updated AS (
      INSERT INTO events (topic, discussion_id, payload)
      SELECT 'discussion.updated', d.id, jsonb_build_object('type', 'discussion.updated', 'discussion', jsonb_build_object(
        'id', d.id, 'title', d.title, 'status', d.status, 'locked', d.locked,
        'createdAt', ${isoSql(Prisma.sql`d.created_at`)}, 'updatedAt', ${isoSql(Prisma.sql`d.updated_at`)},
        'lastActivityAt', ${isoSql(Prisma.sql`d.last_activity_at`)}, 'messageCount', d.message_count,
        'createdBy', (SELECT jsonb_build_object('id', u.id, 'handle', u.handle, 'displayName', u.display_name)
                      FROM users u WHERE u.id = d.created_by),
        'labels', COALESCE((SELECT jsonb_agg(jsonb_build_object('id', l.id, 'name', l.name, 'color', l.color) ORDER BY l.name)
                            FROM discussion_labels dl JOIN labels l ON l.id = dl.label_id WHERE dl.discussion_id = d.id),
                           '[]'::jsonb)))
      FROM d, created
      WHERE ${published}
    )
    SELECT created_at FROM m`;
}

/**
 * Posts a message. The common post (no reply, files, mention or review item) is one statement
 * in autocommit; the others run that statement and what they add in one transaction. Nothing
 * is acknowledged before it is committed.
 */
export async function createMessage(
  deps: Deps,
  viewer: Viewer,
  input: { discussionId: string; parentId?: string | undefined; body: string; attachmentIds?: string[] | undefined },
): Promise<MessageView> {
  const { db, events } = deps;
  // The toxicity check may call a model over HTTP: never inside the transaction.
  const screening = await screenText(deps, input.body);
  const id = uuid7(Date.now());
  const parentId = input.parentId ?? null;
  type Files = Awaited<ReturnType<typeof uploadsToAttach>>;
  const draft = (createdAt: Date, attachments: Files) =>
    toMessageView({
      id,
      discussionId: input.discussionId,
      parentId,
      author: { id: viewer.id, handle: viewer.handle, displayName: viewer.displayName },
      body: screening.body,
      createdAt,
      editedAt: null,
      deletedAt: null,
      status: screening.status,
      statusReason: screening.statusReason,
      // A redaction keeps the text as written in the message's history.
      revisionCount: screening.original === null ? 0 : 1,
      attachments,
    });
  const post = async (sql: Pick<Database, "$queryRaw">, attachments: Files) => {
    const created = { type: "message.created", message: draft(new Date(0), attachments) } as const;
    const [row] = await sql.$queryRaw<{ created_at: Date }[]>`${postMessageSql({ id, discussionId: input.discussionId, parentId, viewer, screening, created })}`;
    return row ? draft(row.created_at, attachments) : null;
  };
  const simple =
    !parentId && !input.attachmentIds?.length && !input.body.includes("@") && !needsFollowUps(screening);

  const view = simple
    ? await post(db, [])
    : await db.$transaction(async (tx) => {
        if (parentId) await assertRepliable(tx, viewer, input.discussionId, parentId);
        // Files are checked first (the message's event lists them), claimed once the message exists.
        const attachments = input.attachmentIds?.length ? await uploadsToAttach(tx, viewer.id, input.attachmentIds) : [];
        const message = await post(tx, attachments);
        if (!message) return null;
        await attachUploads(tx, viewer.id, id, input.attachmentIds, "add");
        await recordScreeningFollowUps(tx, { id, authorId: viewer.id }, screening);
        // Only a reply or a possible @mention can notify anyone.
        if (parentId || input.body.includes("@")) await notifyForMessage(tx, id);
        return message;
      });
  if (!view) {
    // Nothing was written: say why, from the discussion as it is now.
    await openDiscussionOrThrow(db, input.discussionId, viewer);
    throw new DomainError("CONFLICT", "This discussion does not take posts right now");
  }
  events.wake();
  return view;
}

/** A reply's parent: in the same discussion, visible to the viewer, not deleted. */
async function assertRepliable(tx: Tx, viewer: Viewer, discussionId: string, parentId: string): Promise<void> {
  const parent = await tx.message.findUnique({
    where: { id: parentId },
    select: { discussionId: true, deletedAt: true, authorId: true, status: true },
  });
  if (!parent || parent.discussionId !== discussionId || !canSeeMessage(viewer, parent)) throw notFound("Message to reply to");
  if (parent.deletedAt) throw new DomainError("CONFLICT", "That message was deleted; reply to the discussion instead");
}

export async function editMessage(
  deps: Deps,
  viewer: Viewer,
  input: { id: string; body: string; attachmentIds?: string[] | undefined },
): Promise<MessageView> {
  const { db, events } = deps;
  const screening = await screenText(deps, input.body);
  const view = await db.$transaction(async (tx) => {
    // Row lock: two concurrent edits each keep the body they replaced in the history.
    const [current] = await tx.$queryRaw<
      {
        author_id: string;
        body: string;
        deleted_at: Date | null;
        discussion_id: string;
        status: MessageStatus;
        status_reason: string | null;
      }[]
    >`
      SELECT author_id, body, deleted_at, discussion_id, status, status_reason FROM messages WHERE id = ${input.id}::uuid FOR UPDATE`;
    if (!current) throw notFound("Message");
    if (current.author_id !== viewer.id) throw forbidden("You can only edit your own messages");
    if (current.deleted_at) throw new DomainError("CONFLICT", "A deleted message cannot be edited");
    await openDiscussionOrThrow(tx, current.discussion_id, viewer);
    if (current.body === input.body && input.attachmentIds === undefined) {
      return toMessageView(
        await tx.message.findUniqueOrThrow({ where: { id: input.id }, select: messageViewSelect }),
      );
    }
    await tx.messageRevision.create({
      data: { messageId: input.id, body: current.body, editedById: viewer.id },
    });
    const next = statusAfterEdit(
      { status: current.status, statusReason: current.status_reason },
      screening,
    );
    const updated = await tx.message.update({
      where: { id: input.id },
      data: { body: screening.body, editedAt: new Date(), ...next },
      select: messageViewSelect,
    });
    const row = await withUploads(tx, viewer.id, updated, input.attachmentIds, "replace");
    await recordScreening(tx, { id: row.id, authorId: current.author_id }, screening);
    const message = toMessageView(row);
    const withdrawn = current.status === "published" && message.status !== "published";
    await appendEvent(tx, current.discussion_id, {
      type: "message.updated",
      message,
      ...(withdrawn ? { wasPublished: true } : {}),
    });
    await notifyForMessage(
      tx,
      input.id,
      current.status === "published" ? { previousBody: current.body } : {},
    );
    if (withdrawn)
      await touchDiscussion(tx, current.discussion_id, { messageCount: { decrement: 1 } });
    return message;
  });
  events.wake();
  return view;
}

export async function deleteMessage(
  { db, events }: Deps,
  viewer: Viewer,
  input: { id: string },
): Promise<MessageView> {
  const view = await db.$transaction(async (tx) => {
    const current = await tx.message.findUnique({
      where: { id: input.id },
      select: { authorId: true, deletedAt: true, discussionId: true },
    });
    if (!current) throw notFound("Message");
    if (!canDeleteMessage(viewer, current))
      throw forbidden("Only the author or a moderator can delete this message");
    if (current.deletedAt) {
      return toMessageView(
        await tx.message.findUniqueOrThrow({ where: { id: input.id }, select: messageViewSelect }),
      );
    }
    const row = await tx.message.update({
      where: { id: input.id },
      data: { deletedAt: new Date(), deletedById: viewer.id },
      select: messageViewSelect,
    });
    const message = toMessageView(row);
    await appendEvent(tx, current.discussionId, { type: "message.deleted", message });
    if (current.authorId !== viewer.id) {
      await tx.auditLog.create({
        data: {
          actorId: viewer.id,
          action: "message.deleted",
          targetType: "message",
          targetId: input.id,
        },
      });
    }
    return message;
  });
  events.wake();
  return view;
}

/** Earlier bodies, newest first. Hidden for deleted messages except to the author and moderators. */
export async function messageHistory(db: Database, viewer: Viewer | null, id: string) {
  const message = await db.message.findUnique({
    where: { id },
    select: {
      authorId: true,
      deletedAt: true,
      status: true,
      moderationDecisions: { where: { outcome: "redact" }, select: { id: true }, take: 1 },
    },
  });
  if (!message || !canSeeMessage(viewer, message)) throw notFound("Message");
  // A redacted message's history holds what was redacted: only its author and moderators read it.
  const redacted = message.moderationDecisions.length > 0;
  if ((message.deletedAt || redacted) && viewer?.id !== message.authorId && !isModerator(viewer)) {
    return { revisions: [] };
  }
  const revisions = await db.messageRevision.findMany({
    where: { messageId: id },
    select: { id: true, body: true, createdAt: true, editedBy: { select: userRefSelect } },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  return { revisions: revisions.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
}
