import { type Database, Prisma } from "@parley/db";
import { z } from "zod";
import { type Viewer } from "../auth/viewer";
import { notFound } from "../errors";
import { visibleMessagesSql } from "../moderation/visibility";
import { canReadDiscussion } from "../policies/access";

/**
 * Where a member stands in a discussion: the last message they have read and the first visible
 * message after it. Both ids are null on a first visit; `firstUnreadMessageId` alone is null
 * when they have read up to the newest message.
 */
export const readPositionSchema = z.object({
  lastReadMessageId: z.uuid().nullable(),
  firstUnreadMessageId: z.uuid().nullable(),
});
export type ReadPosition = z.infer<typeof readPositionSchema>;

const positionRowSchema = z.object({
  last_read_id: z.string().nullable(),
  first_unread_id: z.string().nullable(),
});

/**
 * One statement, bound by indexes whatever the thread's length: the discussion by its key (so a
 * missing one is told apart from a first visit), the viewer's row by its key, and the first
 * unread message as a LATERAL index scan that starts at the read position (row comparison on
 * messages(discussion_id, created_at, id)); deleted placeholders are not a place to land.
 */
export const readPositionSql = (viewer: Viewer, discussionId: string) => Prisma.sql`
    SELECT r.last_read_id, f.id AS first_unread_id
    FROM discussions d
    LEFT JOIN read_positions r ON r.user_id = ${viewer.id}::uuid AND r.discussion_id = d.id
    LEFT JOIN LATERAL (
      SELECT m.id FROM messages m
      WHERE m.discussion_id = d.id AND (m.created_at, m.id) > (r.last_read_at, r.last_read_id)
        AND m.deleted_at IS NULL AND ${visibleMessagesSql(viewer)}
      ORDER BY m.created_at, m.id LIMIT 1
    ) f ON r.user_id IS NOT NULL
    WHERE d.id = ${discussionId}::uuid`;

export async function readPosition(
  db: Database,
  viewer: Viewer,
  discussionId: string,
): Promise<ReadPosition> {
  const rows = await db.$queryRaw<unknown[]>(readPositionSql(viewer, discussionId));
  const [row] = rows;
  if (row === undefined || !canReadDiscussion(viewer, { id: discussionId }))
    throw notFound("Discussion");
  const position = positionRowSchema.parse(row);
  return {
    lastReadMessageId: position.last_read_id,
    firstUnreadMessageId: position.first_unread_id,
  };
}

export const markReadResultSchema = z.object({
  /** The position as it now stands (further on than `messageId` if it already was). */
  lastReadMessageId: z.uuid(),
  /** Whether this call moved it. */
  moved: z.boolean(),
});
export type MarkReadResult = z.infer<typeof markReadResultSchema>;

const markRowSchema = z.object({
  found: z.boolean(),
  moved: z.boolean(),
  last_read_id: z.string().nullable(),
});

/**
 * Moves the viewer's read position to `messageId` if that is further on than where it stands,
 * in one statement: the upsert's WHERE is a row comparison, evaluated on the locked current row,
 * so concurrent calls (two tabs, two devices) can only move it forward. The message must be one
 * the viewer can see, in this discussion.
 */
export async function markRead(
  db: Database,
  viewer: Viewer,
  input: { discussionId: string; messageId: string },
): Promise<MarkReadResult> {
  if (!canReadDiscussion(viewer, { id: input.discussionId })) throw notFound("Discussion");
  const rows = await db.$queryRaw<unknown[]>`
    WITH target AS (
      SELECT m.discussion_id, m.created_at, m.id FROM messages m
      WHERE m.id = ${input.messageId}::uuid AND m.discussion_id = ${input.discussionId}::uuid
        AND ${visibleMessagesSql(viewer)}
    ), moved AS (
      INSERT INTO read_positions AS r (user_id, discussion_id, last_read_at, last_read_id, updated_at)
      SELECT ${viewer.id}::uuid, t.discussion_id, t.created_at, t.id, now() FROM target t
      ON CONFLICT (user_id, discussion_id) DO UPDATE
        SET last_read_at = EXCLUDED.last_read_at, last_read_id = EXCLUDED.last_read_id, updated_at = now()
        WHERE (r.last_read_at, r.last_read_id) < (EXCLUDED.last_read_at, EXCLUDED.last_read_id)
      RETURNING r.last_read_id
    )
    SELECT EXISTS (SELECT 1 FROM target) AS found, EXISTS (SELECT 1 FROM moved) AS moved,
      COALESCE((SELECT last_read_id FROM moved),
               (SELECT last_read_id FROM read_positions
                WHERE user_id = ${viewer.id}::uuid AND discussion_id = ${input.discussionId}::uuid)) AS last_read_id`;
  const row = markRowSchema.parse(rows[0]);
  if (!row.found || row.last_read_id === null) {
    const discussion = await db.discussion.findUnique({
      where: { id: input.discussionId },
      select: { id: true },
    });
    throw notFound(discussion ? "Message" : "Discussion");
  }
  return { lastReadMessageId: row.last_read_id, moved: row.moved };
}
