import { appendEvent, type Prisma } from "@parley/db";
import { type AgentEvent } from "./contracts";

export { wakeEventReaders } from "@parley/db";

/** Records an agent event in the caller's transaction, like every other outbox event. */
export function appendAgentEvent(
  tx: Pick<Prisma.TransactionClient, "$executeRaw">,
  discussionId: string,
  event: AgentEvent,
): Promise<void> {
  return appendEvent(tx, discussionId, event);
}
