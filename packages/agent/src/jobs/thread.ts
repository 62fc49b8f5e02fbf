import { type Database } from "@parley/db";
import { type ThreadMessage } from "../providers/types";

/** Only published, non-deleted messages may reach a model: held and rejected ones are seen
 * by their author and moderators alone (packages/api moderation). */
const readable = { deletedAt: null, status: "published" } as const;

/** Messages that moderation stopped never reach a model: deleted ones, and those whose
 * metadata carries a withholding moderation status. */
export function isWithheld(message: { deletedAt: Date | null; metadata: unknown }): boolean {
  if (message.deletedAt) return true;
  const { metadata } = message;
  if (typeof metadata !== "object" || metadata === null || !("moderation" in metadata))
    return false;
  const { moderation } = metadata;
  if (typeof moderation !== "object" || moderation === null || !("status" in moderation))
    return false;
  const { status } = moderation;
  return status === "blocked" || status === "hidden" || status === "pending";
}

const messageSelect = {
  id: true,
  body: true,
  createdAt: true,
  deletedAt: true,
  metadata: true,
  author: { select: { displayName: true } },
} as const;

/**
 * The thread's visible messages in posting order: all after `after` (an incremental run), the
 * first `limit` (`oldest`), or else the latest `limit`.
 */
export async function loadThreadMessages(
  db: Database,
  discussionId: string,
  options: { after?: { id: string; createdAt: Date }; limit: number; oldest?: boolean },
): Promise<ThreadMessage[]> {
  const { after, limit } = options;
  const rows = options.oldest
    ? await db.message.findMany({
        where: { discussionId, ...readable },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: limit,
        select: messageSelect,
      })
    : after
      ? await db.message.findMany({
          where: {
            discussionId,
            ...readable,
            OR: [
              { createdAt: { gt: after.createdAt } },
              { createdAt: after.createdAt, id: { gt: after.id } },
            ],
          },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: messageSelect,
        })
      : (
          await db.message.findMany({
            where: { discussionId, ...readable },
            orderBy: [{ createdAt: "desc" }, { id: "desc" }],
            take: limit,
            select: messageSelect,
          })
        ).reverse();
  return rows
    .filter((row) => !isWithheld(row))
    .map((row) => ({
      id: row.id,
      author: row.author.displayName,
      body: row.body,
      createdAt: row.createdAt,
    }));
}

/** Ids of the thread's visible messages: the only ones a citation may name. */
export async function visibleMessageIds(db: Database, discussionId: string): Promise<Set<string>> {
  const rows = await db.message.findMany({
    where: { discussionId, ...readable },
    select: { id: true, deletedAt: true, metadata: true },
  });
  return new Set(rows.filter((row) => !isWithheld(row)).map((row) => row.id));
}
