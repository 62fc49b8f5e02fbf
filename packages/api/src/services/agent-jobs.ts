import { type AgentJobType, type AgentJobView, toAgentJobView } from "@parley/agent/contracts";
import { enqueueAgentJob } from "@parley/agent/enqueue";
import { type Database } from "@parley/db";
import { type Viewer } from "../auth/viewer";
import { forbidden, notFound } from "../errors";
import { encodeCursor } from "../events/cursor";
import { canReadDiscussion } from "../policies/access";
import { type Deps } from "./discussions";

const jobSelect = {
  id: true,
  discussionId: true,
  requestedById: true,
  type: true,
  status: true,
  result: true,
  error: true,
  createdAt: true,
  startedAt: true,
  completedAt: true,
} as const;

/**
 * The idempotency key of a request: the same work on the same thread state (its newest
 * message) is one job, however often it is asked for. Drafts are personal, so theirs includes
 * the requester. A request after a failed or blocked attempt gets a fresh key.
 */
async function jobKeyFor(db: Database, viewer: Viewer, discussionId: string, type: AgentJobType): Promise<string> {
  const newest = await db.message.findFirst({
    // What the agent reads: held and rejected messages do not change the thread's state.
    where: { discussionId, deletedAt: null, status: "published" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  const base = [type, discussionId, type === "draft_reply" ? viewer.id : "all", newest?.id ?? "empty"].join(":");
  const previous = await db.agentJob.findMany({
    where: { jobKey: { startsWith: base } },
    select: { status: true },
  });
  const retries = previous.filter((j) => j.status === "failed" || j.status === "blocked").length;
  return retries === previous.length && retries > 0 ? `${base}:retry-${retries}` : base;
}

export async function requestAgentJob(
  { db, events }: Deps,
  viewer: Viewer,
  input: { discussionId: string; type: AgentJobType },
): Promise<{ job: AgentJobView; created: boolean }> {
  const discussion = await db.discussion.findUnique({ where: { id: input.discussionId }, select: { id: true } });
  if (!discussion) throw notFound("Discussion");
  if (!canReadDiscussion(viewer, discussion)) throw forbidden("You cannot read this discussion");
  const jobKey = await jobKeyFor(db, viewer, input.discussionId, input.type);
  const result = await db.$transaction((tx) =>
    enqueueAgentJob(tx, { discussionId: input.discussionId, requestedById: viewer.id, type: input.type, jobKey }),
  );
  if (result.created) events.wake();
  return result;
}

/** A job, if the viewer may see it: drafts only by whoever asked for them. */
export async function getAgentJob(db: Database, viewer: Viewer | null, id: string) {
  const row = await db.agentJob.findUnique({ where: { id }, select: jobSelect });
  if (!row || !canSeeJob(viewer, row)) throw notFound("Agent job");
  return toAgentJobView(row);
}

export function canSeeJob(viewer: Viewer | null, job: { type: AgentJobType; requestedById: string; discussionId: string }) {
  if (!canReadDiscussion(viewer, { id: job.discussionId })) return false;
  return job.type !== "draft_reply" || job.requestedById === viewer?.id;
}

/** The newest jobs of a discussion that the viewer may see, newest first. */
export async function listAgentJobs(
  db: Database,
  viewer: Viewer | null,
  input: { discussionId: string; type?: AgentJobType | undefined; limit: number },
) {
  const rows = await db.agentJob.findMany({
    where: {
      discussionId: input.discussionId,
      ...(input.type ? { type: input.type } : {}),
      OR: [{ type: { not: "draft_reply" } }, ...(viewer ? [{ requestedById: viewer.id }] : [])],
    },
    select: jobSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit,
  });
  return rows.map(toAgentJobView);
}

/**
 * Where a follower of a job starts when it has no last event id: just before the job's first
 * event (written with the job itself), so a late follower still sees the whole stream.
 */
export async function jobReplayStart(db: Database, job: { id: string; discussionId: string }): Promise<string> {
  const [first] = await db.$queryRaw<{ tx: string; id: bigint }[]>`
    SELECT tx::text AS tx, id FROM events
    WHERE discussion_id = ${job.discussionId}::uuid AND topic = 'agent.job.updated' AND payload->'job'->>'id' = ${job.id}
    ORDER BY tx, id LIMIT 1`;
  return first ? encodeCursor({ tx: BigInt(first.tx), id: first.id - 1n }) : "0-0";
}
