import {
  appendEvent as appendOutboxEvent,
  type Database,
  Prisma,
} from "@parley/db";
import { type Cursor } from "./cursor";
import { type OutboxEvent } from "./types";

export { EVENTS_CHANNEL } from "@parley/db";

/** Records an event in the caller's transaction: it exists exactly when the change does. */
export const appendEvent = (
  tx: Prisma.TransactionClient,
  discussionId: string | null,
  event: OutboxEvent,
) => appendOutboxEvent(tx, discussionId, event);

export interface StoredEvent {
  cursor: Cursor;
  discussionId: string | null;
  event: OutboxEvent;
}

interface EventRow {
  id: bigint;
  tx: string;
  discussion_id: string | null;
  payload: OutboxEvent;
}

/**
 * Events after `after`, in commit-safe order: only rows whose transaction is older than the
 * oldest one still running, so no later read can find a row that sorts before these.
 */
export async function readEvents(
  db: Database,
  after: Cursor,
  options: { discussionId?: string; limit?: number } = {},
): Promise<StoredEvent[]> {
  const limit = options.limit ?? 500;
  const rows = options.discussionId
    ? await db.$queryRaw<EventRow[]>`
        SELECT id, tx::text AS tx, discussion_id, payload FROM events
        WHERE discussion_id = ${options.discussionId}::uuid
          AND (tx, id) > (${after.tx.toString()}::xid8, ${after.id})
          AND tx < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY tx, id LIMIT ${limit}`
    : await db.$queryRaw<EventRow[]>`
        SELECT id, tx::text AS tx, discussion_id, payload FROM events
        WHERE (tx, id) > (${after.tx.toString()}::xid8, ${after.id})
          AND tx < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY tx, id LIMIT ${limit}`;
  return rows.map((row) => ({
    cursor: { tx: BigInt(row.tx), id: row.id },
    discussionId: row.discussion_id,
    event: row.payload,
  }));
}

/** The position just before every event that is not yet visible to readers. */
export async function currentHorizon(db: Database): Promise<Cursor> {
  const [row] = await db.$queryRaw<{ xmin: string }[]>`
    SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`;
  if (!row) throw new Error("could not read the snapshot horizon");
  return { tx: BigInt(row.xmin), id: 0n };
}

/**
 * The oldest committed event that readers cannot see yet: its transaction is not older than the
 * snapshot's xmin, so it waits for every older transaction on the server to end
 * (docs/live-updates.md, "What holds live events back"). Entered by the (tx, id) index at the
 * horizon: one index probe, never a scan of the outbox.
 */
export const oldestUnreadableEvent = Prisma.sql`
  SELECT created_at FROM events
  WHERE tx >= pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY tx, id LIMIT 1`;

/** Seconds since the oldest unreadable event was written; 0 when none waits. */
export async function unreadableEventAge(db: Database): Promise<number> {
  const [row] = await db.$queryRaw<{ age: number }[]>`
    SELECT COALESCE(extract(epoch FROM clock_timestamp() - (${oldestUnreadableEvent})), 0)::float8 AS age`;
  return Math.max(0, row?.age ?? 0);
}
