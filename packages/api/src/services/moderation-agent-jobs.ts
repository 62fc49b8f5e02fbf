import {
  type AgentJobStatus,
  type AgentJobType,
  type AgentJobView,
  toAgentJobView,
} from "@parley/agent/contracts";
import { enqueueAgentJob } from "@parley/agent/enqueue";
import { type Database } from "@parley/db";
import { type Viewer } from "../auth/viewer";
import { DomainError, notFound } from "../errors";
import { userRefSelect, type UserRef } from "../views/user";
import { type Deps } from "./discussions";
import { cutPage, decodeOptionalKeyset, keysetWhere } from "../paging/keyset";
import { recordAudit } from "./moderation-audit";

const jobSelect = {
  id: true,
  discussionId: true,
  requestedById: true,
  type: true,
  status: true,
  jobKey: true,
  result: true,
  error: true,
  createdAt: true,
  startedAt: true,
  completedAt: true,
} as const;

export interface ModeratedAgentJob extends AgentJobView {
  discussionTitle: string;
  requestedBy: UserRef;
}

/** Every discussion's jobs, newest first, for the moderators' page. Reply drafts stay private:
 * moderators see that one ran and how it ended, not its text. */
export async function listAllAgentJobs(
  db: Database,
  input: {
    status?: AgentJobStatus | undefined;
    type?: AgentJobType | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ items: ModeratedAgentJob[]; nextCursor: string | null }> {
  const rows = await db.agentJob.findMany({
    where: {
      ...(input.status ? { status: input.status } : {}),
      ...(input.type ? { type: input.type } : {}),
      ...keysetWhere("createdAt", decodeOptionalKeyset(input.cursor), "desc"),
    },
    select: {
      ...jobSelect,
      discussion: { select: { title: true } },
      requestedBy: { select: userRefSelect },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
  });
  const { page, nextCursor } = cutPage(rows, input.limit, (row) => ({
    at: row.createdAt,
    id: row.id,
  }));
  return {
    items: page.map((row) => ({
      ...toAgentJobView(row.type === "draft_reply" ? { ...row, result: null } : row),
      discussionTitle: row.discussion.title,
      requestedBy: row.requestedBy,
    })),
    nextCursor,
  };
}

/**
 * Queues a failed or blocked job again as a new job for the same requester (a draft stays
 * theirs), in one transaction with its audit row. Retrying the same job twice returns the
 * first retry.
 */
export async function retryAgentJob(
  { db, events }: Deps,
  viewer: Viewer,
  input: { jobId: string },
): Promise<{ job: AgentJobView; created: boolean }> {
  const result = await db.$transaction(async (tx) => {
    const job = await tx.agentJob.findUnique({ where: { id: input.jobId }, select: jobSelect });
    if (!job) throw notFound("Agent job");
    if (job.status !== "failed" && job.status !== "blocked") {
      throw new DomainError(
        "CONFLICT",
        `Only failed or blocked jobs can be retried; this one is ${job.status}`,
      );
    }
    const retried = await enqueueAgentJob(tx, {
      discussionId: job.discussionId,
      requestedById: job.requestedById,
      type: job.type,
      jobKey: `retry:${job.id}`,
    });
    if (retried.created) {
      await recordAudit(tx, {
        actorId: viewer.id,
        action: "agent.job.retried",
        targetType: "agent_job",
        targetId: job.id,
        before: { status: job.status, error: job.error },
        after: { retryJobId: retried.job.id, status: retried.job.status },
      });
    }
    return retried;
  });
  if (result.created) events.wake();
  return result;
}
