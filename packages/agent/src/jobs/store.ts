import { type Database, type Prisma } from "@parley/db";
import { type AgentJobResult, type AgentJobView, toAgentJobView } from "../contracts";
import { appendAgentEvent, wakeEventReaders } from "../events";

export type AgentJobRecord = Prisma.AgentJobGetPayload<{
  include: { requestedBy: { select: { displayName: true } } };
}>;

export function loadJob(db: Database, id: string): Promise<AgentJobRecord | null> {
  return db.agentJob.findUnique({
    where: { id },
    include: { requestedBy: { select: { displayName: true } } },
  });
}

/** Whether the job has reached an end: a re-run of such a job does nothing. */
export const isFinished = (job: { status: string }) =>
  job.status === "completed" || job.status === "failed" || job.status === "blocked";

/**
 * Applies a state change only if the job is still queued or running, with its
 * agent.job.updated event in the same transaction; wakes the event readers after commit.
 * Returns null when the job had already finished (another run got there first).
 */
async function transition(
  db: Database,
  id: string,
  data: Prisma.AgentJobUpdateManyMutationInput,
  extra?: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<AgentJobView | null> {
  const view = await db.$transaction(async (tx) => {
    const { count } = await tx.agentJob.updateMany({
      where: { id, status: { in: ["queued", "running"] } },
      data,
    });
    if (count === 0) return null;
    await extra?.(tx);
    const row = await tx.agentJob.findUniqueOrThrow({ where: { id } });
    const job = toAgentJobView(row);
    await appendAgentEvent(tx, job.discussionId, { type: "agent.job.updated", job });
    return job;
  });
  if (view) await wakeEventReaders(db);
  return view;
}

export function markRunning(db: Database, job: AgentJobRecord): Promise<AgentJobView | null> {
  return transition(db, job.id, {
    status: "running",
    startedAt: job.startedAt ?? new Date(),
    error: null,
  });
}

export function completeJob(
  db: Database,
  id: string,
  result: AgentJobResult,
  extra?: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<AgentJobView | null> {
  return transition(
    db,
    id,
    { status: "completed", result, error: null, completedAt: new Date() },
    extra,
  );
}

/** A job handed back on shutdown: queued again until a worker picks it up. */
export function requeueJob(db: Database, id: string): Promise<AgentJobView | null> {
  return transition(db, id, { status: "queued" });
}

export function failJob(db: Database, id: string, reason: string): Promise<AgentJobView | null> {
  return transition(db, id, { status: "failed", error: reason, completedAt: new Date() });
}

export function blockJob(db: Database, id: string, reason: string): Promise<AgentJobView | null> {
  return transition(db, id, { status: "blocked", error: reason, completedAt: new Date() });
}
