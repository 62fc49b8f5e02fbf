import { type Prisma } from "@parley/db";
import { type AgentEvent } from "./contracts";

/** The channel every web instance's event bus listens on (docs/live-updates.md). */
export const EVENTS_CHANNEL = "parley_events";

type Sql = Pick<Prisma.TransactionClient, "$executeRaw">;

/** Records an agent event in the caller's transaction, like every other outbox event. */
export async function appendAgentEvent(
  tx: Sql,
  discussionId: string,
  event: AgentEvent,
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO events (topic, discussion_id, payload)
    VALUES (${event.type}, ${discussionId}::uuid, ${JSON.stringify(event)}::jsonb)`;
}

/** The payload-free wake-up, sent after the events' transaction committed. */
export async function wakeEventReaders(db: Sql): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${EVENTS_CHANNEL}, '')`;
}
