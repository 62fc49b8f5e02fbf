import { type Database, Prisma } from "@parley/db";

/**
 * What a message was when a summary read it, as one SQL expression over `messages m`: its
 * status, deletion and edit times, body and moderation status. Both the worker (when it
 * stores a block) and the API (when it serves a summary) compute it here, so nothing on the
 * message write paths has to remember summaries.
 */
export const FINGERPRINT = Prisma.sql`md5(concat_ws('|',
  m.status::text,
  coalesce(floor(extract(epoch from m.deleted_at) * 1000)::bigint::text, '-'),
  coalesce(floor(extract(epoch from m.edited_at) * 1000)::bigint::text, '-'),
  md5(m.body),
  coalesce(m.metadata #>> '{moderation,status}', '-')))`;

/** Messages everyone may read and a model may be sent: published, not deleted, not withheld
 * by moderation (the same rule as jobs/thread.ts). */
export const VISIBLE = Prisma.sql`m.deleted_at IS NULL AND m.status = 'published'
  AND coalesce(m.metadata #>> '{moderation,status}', '') NOT IN ('blocked', 'hidden', 'pending')`;

export interface IndexedMessage {
  id: string;
  createdAt: Date;
  fingerprint: string;
}

/** Every visible message of a thread in posting order, without bodies: what blocks are planned from. */
export async function loadThreadIndex(
  db: Database,
  discussionId: string,
): Promise<IndexedMessage[]> {
  const rows = await db.$queryRaw<{ id: string; created_at: Date; fp: string }[]>`
    SELECT m.id, m.created_at, ${FINGERPRINT} AS fp FROM messages m
    WHERE m.discussion_id = ${discussionId}::uuid AND ${VISIBLE}
    ORDER BY m.created_at, m.id`;
  return rows.map((r) => ({ id: r.id, createdAt: r.created_at, fingerprint: r.fp }));
}

export interface SourceMessage extends IndexedMessage {
  author: string;
  body: string;
}

/** The given messages with bodies and fingerprints read together, still visible ones only. */
export async function loadSourceMessages(db: Database, ids: string[]): Promise<SourceMessage[]> {
  if (ids.length === 0) return [];
  const rows = await db.$queryRaw<
    { id: string; created_at: Date; fp: string; body: string; author: string }[]
  >`
    SELECT m.id, m.created_at, ${FINGERPRINT} AS fp, m.body, u.display_name AS author
    FROM messages m JOIN users u ON u.id = m.author_id
    WHERE m.id = ANY(${ids}::uuid[]) AND ${VISIBLE}
    ORDER BY m.created_at, m.id`;
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    fingerprint: r.fp,
    author: r.author,
    body: r.body,
  }));
}

export interface SummaryRef {
  jobId: string;
  discussionId: string;
  blockIds: string[];
  /** The (created_at, id) of the newest covered message. */
  lastMessageId: string | null;
}

export interface SummaryFreshness {
  /** A covered message was deleted, edited, held, hidden or redacted, or a block is gone. */
  sourcesChanged: boolean;
  /** Visible messages after the newest covered one (counted up to 1,000). */
  newerMessages: number;
}

const NEWER_CAP = 1000;

/**
 * Serving-time check of stored summaries: one query over the primary keys of the covered
 * messages (through their blocks) finds blocks whose messages changed or vanished, and one
 * bounded index range per summary counts newer messages.
 */
export async function summaryFreshness(
  db: Database,
  summaries: SummaryRef[],
): Promise<Map<string, SummaryFreshness>> {
  const out = new Map<string, SummaryFreshness>();
  if (summaries.length === 0) return out;
  const blockIds = [...new Set(summaries.flatMap((s) => s.blockIds))];
  const intact = new Set<string>();
  if (blockIds.length > 0) {
    const rows = await db.$queryRaw<{ id: string; changed: boolean }[]>`
      SELECT b.id, bool_or(m.id IS NULL OR NOT (${VISIBLE}) OR ${FINGERPRINT} <> c.fp) AS changed
      FROM agent_summary_blocks b
      CROSS JOIN LATERAL unnest(b.message_ids, b.fingerprints) AS c(id, fp)
      LEFT JOIN messages m ON m.id = c.id
      WHERE b.id = ANY(${blockIds}::uuid[])
      GROUP BY b.id`;
    for (const row of rows) if (!row.changed) intact.add(row.id);
  }
  for (const summary of summaries) {
    let newer = 0;
    if (summary.lastMessageId) {
      const [row] = await db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM (
          SELECT 1 FROM messages m
          WHERE m.discussion_id = ${summary.discussionId}::uuid
            AND (m.created_at, m.id) > (SELECT l.created_at, l.id FROM messages l WHERE l.id = ${summary.lastMessageId}::uuid)
            AND ${VISIBLE}
          ORDER BY m.created_at, m.id
          LIMIT ${NEWER_CAP}) AS newer`;
      newer = row?.n ?? 0;
    }
    out.set(summary.jobId, {
      sourcesChanged: summary.blockIds.some((id) => !intact.has(id)),
      newerMessages: newer,
    });
  }
  return out;
}
