import {
  type AgentJobRow,
  type AgentJobType,
  type AgentJobView,
  toAgentJobView,
} from "@parley/agent/contracts";
import { enqueueAgentJob } from "@parley/agent/enqueue";
import { summaryFreshness, summaryResultSchema, type SummaryRef } from "@parley/agent/summaries";
import { type Database } from "@parley/db";
import { type Viewer } from "../auth/viewer";
import { forbidden, notFound } from "../errors";
import { encodeCursor } from "../events/cursor";
import { canReadDiscussion, isModerator } from "../policies/access";
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
 * the requester. A request after a failed or blocked attempt gets a fresh key, and so does a
 * summary request once a message the newest summary covers has changed (it rebuilds the
 * affected blocks).
 */
async function jobKeyFor(
  db: Database,
  viewer: Viewer,
  discussionId: string,
  type: AgentJobType,
): Promise<string> {
  const newest = await db.message.findFirst({
    // What the agent reads: held and rejected messages do not change the thread's state.
    where: { discussionId, deletedAt: null, status: "published" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  let base = [
    type,
    discussionId,
    type === "draft_reply" ? viewer.id : "all",
    newest?.id ?? "empty",
  ].join(":");
  if (type === "summary") {
    const [latest] = await db.agentJob.findMany({
      where: { discussionId, type: "summary", status: "completed" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 1,
      select: jobSelect,
    });
    if (latest) {
      const freshness = (await freshnessOf(db, [latest])).get(latest.id);
      if (freshness?.sourcesChanged) base = `${base}:rebuild-${latest.id}`;
    }
  }
  const previous = await db.agentJob.findMany({
    where: { jobKey: { startsWith: base } },
    select: { status: true },
  });
  const retries = previous.filter((j) => j.status === "failed" || j.status === "blocked").length;
  return retries === previous.length && retries > 0 ? `${base}:retry-${retries}` : base;
}

/** Completed summaries' serving-time check (see @parley/agent/summaries). A summary stored
 * without its blocks (written before blocks existed) cannot be checked, so it counts as changed. */
async function freshnessOf(db: Database, rows: AgentJobRow[]) {
  const refs: SummaryRef[] = [];
  const unverifiable: string[] = [];
  for (const row of rows) {
    if (row.type !== "summary" || row.status !== "completed") continue;
    const parsed = summaryResultSchema.safeParse(row.result);
    if (!parsed.success || !parsed.data.blocks) {
      unverifiable.push(row.id);
      continue;
    }
    refs.push({
      jobId: row.id,
      discussionId: row.discussionId,
      blockIds: parsed.data.blocks.map((b) => b.id),
      lastMessageId: parsed.data.coversUpToMessageId,
    });
  }
  const out = await summaryFreshness(db, refs);
  for (const id of unverifiable) out.set(id, { sourcesChanged: true, newerMessages: 0 });
  return out;
}

export const SOURCES_CHANGED =
  "Messages this summary covered were edited, removed or hidden since it was written; ask for a new summary.";

/**
 * Jobs as this viewer may see them. A summary whose sources changed is served only to those
 * who may read every source (moderators); everyone else gets the job without its result.
 */
async function servedViews(
  db: Database,
  viewer: Viewer | null,
  rows: AgentJobRow[],
): Promise<AgentJobView[]> {
  const freshness = await freshnessOf(db, rows);
  return rows.map((row) => {
    const view = toAgentJobView(row);
    const f = freshness.get(row.id);
    if (!f) return view;
    if (f.sourcesChanged && !isModerator(viewer))
      return { ...view, result: null, error: SOURCES_CHANGED, freshness: f };
    return { ...view, freshness: f };
  });
}

export async function requestAgentJob(
  { db, events }: Deps,
  viewer: Viewer,
  input: { discussionId: string; type: AgentJobType },
): Promise<{ job: AgentJobView; created: boolean }> {
  const discussion = await db.discussion.findUnique({
    where: { id: input.discussionId },
    select: { id: true },
  });
  if (!discussion) throw notFound("Discussion");
  if (!canReadDiscussion(viewer, discussion)) throw forbidden("You cannot read this discussion");
  const jobKey = await jobKeyFor(db, viewer, input.discussionId, input.type);
  const result = await db.$transaction((tx) =>
    enqueueAgentJob(tx, {
      discussionId: input.discussionId,
      requestedById: viewer.id,
      type: input.type,
      jobKey,
    }),
  );
  if (result.created) events.wake();
  // An existing job goes through the same serving check as any read.
  return result.created
    ? result
    : { job: await getAgentJob(db, viewer, result.job.id), created: false };
}

/** A job, if the viewer may see it: drafts only by whoever asked for them. */
export async function getAgentJob(db: Database, viewer: Viewer | null, id: string) {
  const row = await db.agentJob.findUnique({ where: { id }, select: jobSelect });
  if (!row || !canSeeJob(viewer, row)) throw notFound("Agent job");
  const [view] = await servedViews(db, viewer, [row]);
  if (!view) throw notFound("Agent job");
  return view;
}

export function canSeeJob(
  viewer: Viewer | null,
  job: { type: AgentJobType; requestedById: string; discussionId: string },
) {
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
  return servedViews(db, viewer, rows);
}

/**
 * Where a follower of a job starts when it has no last event id: just before the job's first
 * event (written with the job itself), so a late follower still sees the whole stream.
 */
export async function jobReplayStart(
  db: Database,
  job: { id: string; discussionId: string },
): Promise<string> {
  const [first] = await db.$queryRaw<{ tx: string; id: bigint }[]>`
    SELECT tx::text AS tx, id FROM events
    WHERE discussion_id = ${job.discussionId}::uuid AND topic = 'agent.job.updated' AND payload->'job'->>'id' = ${job.id}
    ORDER BY tx, id LIMIT 1`;
  return first ? encodeCursor({ tx: BigInt(first.tx), id: first.id - 1n }) : "0-0";
}
