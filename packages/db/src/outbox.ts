import { type Prisma } from "./generated/prisma/client";

/** The channel every process's event bus LISTENs on; notifications carry no payload. */
export const EVENTS_CHANNEL = "parley_events";

type Sql = Pick<Prisma.TransactionClient, "$executeRaw">;

/**
 * Records an event in the caller's transaction, so it exists exactly when the change does.
 * Each package types its own events; the outbox only needs their `type` (docs/live-updates.md).
 */
export async function appendEvent(
  tx: Sql,
  discussionId: string | null,
  event: { type: string },
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO events (topic, discussion_id, payload)
    VALUES (${event.type}, ${discussionId}::uuid, ${JSON.stringify(event)}::jsonb)`;
}

/** The payload-free wake-up, sent after the events' transaction committed. */
export async function wakeEventReaders(db: Sql): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${EVENTS_CHANNEL}, '')`;
}
