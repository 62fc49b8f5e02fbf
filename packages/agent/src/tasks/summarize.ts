import { type Citation, type SummaryResult, summaryResultSchema } from "../contracts";
import { loadThreadMessages, visibleMessageIds } from "../jobs/thread";
import { type AgentDeps, agentTask, type Workflow } from "../jobs/run-agent-job";
import { moderateForProvider } from "../moderation/moderate";
import { type PreviousSummary, type SummaryClaim } from "../providers/types";

/** The newest completed summary of the discussion, with the message it covers up to. */
async function previousSummary(deps: AgentDeps, discussionId: string) {
  const rows = await deps.db.agentJob.findMany({
    where: { discussionId, type: "summary", status: "completed" },
    orderBy: [{ completedAt: "desc" }, { id: "desc" }],
    take: 1,
    select: { result: true },
  });
  const parsed = summaryResultSchema.safeParse(rows[0]?.result);
  if (!parsed.success || !parsed.data.coversUpToMessageId) return null;
  const cover = await deps.db.message.findUnique({
    where: { id: parsed.data.coversUpToMessageId },
    select: { id: true, createdAt: true, discussionId: true },
  });
  if (cover?.discussionId !== discussionId) return null;
  return { result: parsed.data, cover };
}

/** Citations that name only messages of this thread; claims left without one keep no citation. */
export function validateCitations(
  claims: SummaryClaim[],
  threadIds: Set<string>,
): { citations: Citation[]; dropped: number } {
  let dropped = 0;
  const citations: Citation[] = [];
  for (const claim of claims) {
    const valid = [...new Set(claim.messageIds)].filter((id) => threadIds.has(id));
    dropped += new Set(claim.messageIds).size - valid.length;
    if (valid.length > 0) citations.push({ claim: claim.claim, messageIds: valid });
  }
  return { citations, dropped };
}

/**
 * Summaries: the latest N messages the first time; after that the previous summary plus only
 * the messages after the one it covers up to. Citations are checked against the thread.
 */
export const summarizeWorkflow: Workflow = async ({ job, deps, call, helpers }) => {
  const discussion = await deps.db.discussion.findUniqueOrThrow({
    where: { id: job.discussionId },
    select: { title: true },
  });
  const previous = await previousSummary(deps, job.discussionId);
  const messages = await loadThreadMessages(deps.db, job.discussionId, {
    ...(previous ? { after: previous.cover } : {}),
    limit: deps.settings.summaryMaxMessages,
  });
  const info = deps.provider.info("summary");

  if (previous && messages.length === 0) {
    // Nothing new: the previous summary still covers the thread, at no cost.
    const result: SummaryResult = {
      ...previous.result,
      incremental: true,
      tokens: { input: 0, output: 0 },
    };
    call.onText?.(result.summary);
    return { kind: "completed", result };
  }

  const moderated = await moderateForProvider(
    { title: discussion.title, messages },
    deps.provider,
    deps.settings.moderation,
    call,
    (m) => helpers.logger.warn(m),
  );
  if (moderated.status === "blocked") return { kind: "blocked", reason: moderated.reason };

  const prior: PreviousSummary | null = previous
    ? { summary: previous.result.summary, citations: previous.result.citations }
    : null;
  const output = await deps.provider.summarize(
    { title: moderated.title, messages: moderated.messages, previous: prior },
    call,
  );
  const { citations, dropped } = validateCitations(
    output.claims,
    await visibleMessageIds(deps.db, job.discussionId),
  );
  if (dropped > 0)
    helpers.logger.info(
      `summary of job ${job.id}: dropped ${dropped} citation(s) of unknown messages`,
    );

  const last = messages.at(-1);
  const result: SummaryResult = {
    summary: output.claims.map((c) => `- ${c.claim}`).join("\n"),
    citations,
    coversUpToMessageId: last?.id ?? previous?.result.coversUpToMessageId ?? null,
    messageCount: (previous?.result.messageCount ?? 0) + messages.length,
    incremental: previous !== null,
    provider: info,
    tokens: output.tokens,
  };
  return { kind: "completed", result };
};

export const createSummarizeTask = (deps: AgentDeps) =>
  agentTask("summary", summarizeWorkflow, deps);
