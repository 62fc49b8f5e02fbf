import { type Prisma, uuid7 } from "@parley/db";
import {
  AGENT_TASKS,
  type AgentJobPayload,
  type AgentJobStatus,
  type AgentJobType,
  type AgentJobView,
  toAgentJobView,
} from "./contracts";
import { appendAgentEvent } from "./events";

/** graphile-worker attempts per job: provider errors are retried inside an attempt, so these
 * cover crashes and database hiccups. */
export const AGENT_JOB_MAX_ATTEMPTS = 5;

export interface EnqueueAgentJobInput {
  discussionId: string;
  requestedById: string;
  type: AgentJobType;
  /** The caller's idempotency key: a second request with the same key gets the same job. */
  jobKey: string;
}

export interface EnqueueAgentJobResult {
  job: AgentJobView;
  /** False when a job with this key already existed (nothing new was queued or billed). */
  created: boolean;
}

interface JobRow {
  id: string;
  discussion_id: string;
  type: AgentJobType;
  status: AgentJobStatus;
  result: unknown;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
}

const toView = (row: JobRow): AgentJobView =>
  toAgentJobView({
    id: row.id,
    discussionId: row.discussion_id,
    type: row.type,
    status: row.status,
    result: row.result,
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at,
    completedAt: row.completed_at,
  });

/**
 * Inserts the agent_jobs row and queues its graphile-worker job in the caller's transaction:
 * both exist exactly when the transaction commits. SQL only, so the API needs no worker
 * runtime. The caller wakes the event readers after commit, as for any other outbox event.
 * The graphile_worker schema must exist (the worker installs it on start).
 */
export async function enqueueAgentJob(
  tx: Prisma.TransactionClient,
  input: EnqueueAgentJobInput,
): Promise<EnqueueAgentJobResult> {
  // ON CONFLICT waits for a concurrent insert of the same key and then skips: a double click
  // in two transactions still makes one job.
  const inserted = await tx.$queryRaw<JobRow[]>`
    INSERT INTO agent_jobs (id, discussion_id, requested_by, type, job_key)
    VALUES (${uuid7(Date.now())}::uuid, ${input.discussionId}::uuid, ${input.requestedById}::uuid,
            ${input.type}::"AgentJobType", ${input.jobKey})
    ON CONFLICT (job_key) DO NOTHING
    RETURNING id, discussion_id, type, status, result, error, created_at, started_at, completed_at`;
  const row = inserted[0];
  if (!row) {
    const existing = await tx.$queryRaw<JobRow[]>`
      SELECT id, discussion_id, type, status, result, error, created_at, started_at, completed_at
      FROM agent_jobs WHERE job_key = ${input.jobKey}`;
    const found = existing[0];
    if (!found) throw new Error(`agent job with key ${input.jobKey} vanished during enqueue`);
    return { job: toView(found), created: false };
  }

  const payload: AgentJobPayload = { v: 1, jobId: row.id };
  await tx.$queryRaw`
    SELECT (graphile_worker.add_job(
      ${AGENT_TASKS[input.type]}::text,
      ${JSON.stringify(payload)}::json,
      job_key => ${`agent_job:${row.id}`}::text,
      max_attempts => ${AGENT_JOB_MAX_ATTEMPTS}::int)).id::text AS id`;
  const job = toView(row);
  await appendAgentEvent(tx, job.discussionId, { type: "agent.job.updated", job });
  return { job, created: true };
}
