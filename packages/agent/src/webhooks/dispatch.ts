import { type Database, type Prisma, uuid7 } from "@parley/db";
import { toWebhookEvent } from "./event-types";
import { ensureDispatchCursor, queueDelivery, queueDispatch, WEBHOOKS_CONSUMER } from "./queue";

const PAGE = 200;

interface EventRow {
  id: bigint;
  tx: string;
  payload: unknown;
  created_at: Date;
}

function parseCursor(position: string): { tx: string; id: bigint } {
  const match = /^(\d{1,20})-(\d{1,20})$/.exec(position);
  if (!match?.[1] || !match[2]) throw new Error(`bad webhooks outbox cursor: ${position}`);
  return { tx: match[1], id: BigInt(match[2]) };
}

/**
 * One page of the outbox after the "webhooks" cursor, in one transaction: a delivery row and a
 * job for each enabled endpoint subscribed to each public event, then the cursor moves past the
 * page. Rows are read with the event bus's rule (tx below the snapshot's xmin, in (tx, id)
 * order), so an event whose transaction commits late is never skipped. The cursor row is
 * locked, so two dispatchers never interleave.
 */
async function dispatchPage(tx: Prisma.TransactionClient): Promise<number> {
  await ensureDispatchCursor(tx);
  const [cursorRow] = await tx.$queryRaw<{ position: string }[]>`
    SELECT position FROM outbox_cursors WHERE consumer = ${WEBHOOKS_CONSUMER} FOR UPDATE`;
  if (!cursorRow) throw new Error("the webhooks outbox cursor vanished");
  const after = parseCursor(cursorRow.position);
  const events = await tx.$queryRaw<EventRow[]>`
    SELECT id, tx::text AS tx, payload, created_at FROM events
    WHERE (tx, id) > (${after.tx}::xid8, ${after.id})
      AND tx < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY tx, id LIMIT ${PAGE}`;
  const last = events.at(-1);
  if (!last) return 0;

  const endpoints = await tx.webhookEndpoint.findMany({
    where: { enabled: true },
    select: { id: true, eventTypes: true },
  });
  for (const row of events) {
    const event = toWebhookEvent(row.payload);
    if (!event) continue;
    // `data` comes from a jsonb column, so it is JSON; zod's loose objects type it as unknown.
    const body = {
      type: event.type,
      timestamp: row.created_at.toISOString(),
      data: event.data,
    } as Prisma.InputJsonObject;
    const subscribed = endpoints.filter((e) => e.eventTypes.includes(event.type));
    if (subscribed.length === 0) continue;
    const created = await tx.webhookDelivery.createManyAndReturn({
      data: subscribed.map((endpoint) => ({
        id: uuid7(Date.now()),
        endpointId: endpoint.id,
        eventId: row.id,
        eventType: event.type,
        payload: body,
      })),
      skipDuplicates: true,
      select: { id: true },
    });
    for (const delivery of created) await queueDelivery(tx, delivery.id);
  }
  await tx.outboxCursor.update({
    where: { consumer: WEBHOOKS_CONSUMER },
    data: { position: `${last.tx}-${last.id}` },
  });
  return events.length;
}

/** The webhooks cursor (one row by primary key), or null before the first dispatch. */
async function readCursor(db: Database): Promise<{ tx: string; id: bigint } | null> {
  const row = await db.outboxCursor.findUnique({
    where: { consumer: WEBHOOKS_CONSUMER },
    select: { position: true },
  });
  return row ? parseCursor(row.position) : null;
}

/**
 * What lies past the cursor: events readable now, and events whose transaction is still
 * running. Both are index scans on events(tx, id) that start at the cursor, so their cost does
 * not grow with the outbox (the cursor is read first: a bound computed from a joined row was
 * a sequential scan of the whole table).
 */
async function outboxPastCursor(db: Database): Promise<{ readable: boolean; pending: boolean }> {
  const cursor = await readCursor(db);
  if (!cursor) return { readable: false, pending: false };
  const [row] = await db.$queryRaw<{ readable: boolean; pending: boolean }[]>`
    SELECT
      EXISTS (SELECT 1 FROM events
              WHERE (tx, id) > (${cursor.tx}::xid8, ${cursor.id})
                AND tx < pg_snapshot_xmin(pg_current_snapshot())) AS readable,
      EXISTS (SELECT 1 FROM events
              WHERE tx >= pg_snapshot_xmin(pg_current_snapshot())) AS pending`;
  return { readable: row?.readable ?? false, pending: row?.pending ?? false };
}

/** Whether the dispatcher has readable events to take (cheap: the trigger asks often). */
export async function dispatchHasWork(db: Database): Promise<boolean> {
  return (await outboxPastCursor(db)).readable;
}

/** Reads the outbox up to the horizon; returns how many events it went past. */
export async function dispatchWebhooks(db: Database): Promise<number> {
  let total = 0;
  for (;;) {
    const read = await db.$transaction((tx) => dispatchPage(tx));
    total += read;
    if (read < PAGE) break;
  }
  // Events that became readable while this ran (their wake-up may have found this transaction
  // still open) go now; those whose transaction is still open are looked at again shortly.
  const past = await outboxPastCursor(db);
  if (past.readable) await queueDispatch(db);
  else if (past.pending) await queueDispatch(db, 1000);
  return total;
}
