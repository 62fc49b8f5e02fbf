import { type DraftResult, STYLE_GUIDE_SETTING } from "../contracts";
import { loadThreadMessages } from "../jobs/thread";
import { type AgentDeps, agentTask, type Workflow } from "../jobs/run-agent-job";
import { moderateForProvider } from "../moderation/moderate";

/** The site-wide style guide: an admin's edit in site settings when there is one. */
async function styleGuide(deps: AgentDeps): Promise<string> {
  const setting = await deps.db.siteSetting.findUnique({
    where: { key: STYLE_GUIDE_SETTING },
    select: { value: true },
  });
  const value = setting?.value;
  return typeof value === "string" && value.trim() ? value : deps.settings.styleGuide;
}

/** A reply the member edits before posting (the agent never posts), with its rationale. */
export const draftReplyWorkflow: Workflow = async ({ job, deps, call, helpers }) => {
  const discussion = await deps.db.discussion.findUniqueOrThrow({
    where: { id: job.discussionId },
    select: { title: true },
  });
  const messages = await loadThreadMessages(deps.db, job.discussionId, {
    limit: deps.settings.summaryMaxMessages,
  });
  const moderated = await moderateForProvider(
    { title: discussion.title, messages },
    deps.provider,
    deps.settings.moderation,
    call,
    (m) => helpers.logger.warn(m),
  );
  if (moderated.status === "blocked") return { kind: "blocked", reason: moderated.reason };

  const output = await deps.provider.draft(
    {
      title: moderated.title,
      messages: moderated.messages,
      styleGuide: await styleGuide(deps),
      requester: job.requestedBy.displayName,
    },
    call,
  );
  const ids = new Set(messages.map((m) => m.id));
  const points = output.points?.flatMap((p) => {
    const cited = p.messageIds.filter((id) => ids.has(id));
    return cited.length > 0 ? [{ claim: p.claim, messageIds: cited }] : [];
  });
  const result: DraftResult = {
    reply: output.reply,
    rationale: output.rationale,
    ...(points ? { points } : {}),
    provider: deps.provider.info("draft_reply"),
    tokens: output.tokens,
  };
  return { kind: "completed", result };
};

export const createDraftReplyTask = (deps: AgentDeps) =>
  agentTask("draft_reply", draftReplyWorkflow, deps);
