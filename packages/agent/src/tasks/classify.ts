import { type ClassifyResult, type LabelSuggestion, type SuggestedAssignee } from "../contracts";
import { loadThreadMessages } from "../jobs/thread";
import { type AgentDeps, agentTask, type Workflow } from "../jobs/run-agent-job";
import { moderateForProvider } from "../moderation/moderate";
import { scoreLabelsOffline, withoutInstructions } from "../providers/label-scorer";

/** Labels that end a thread's life (resolved, closed, fixed, duplicate, ...): a person applies
 * those, never the agent, whatever the scores say. */
const CLOSING =
  /\b(?:resolved?|solved?|closed?|closing|fixed|done|completed?|duplicates?|dupe|wont[- ]?fix|won't fix|invalid|answered|archived?|obsolete|stale|locked|shipped)\b/i;

export function closesThread(label: { name: string; description: string }): boolean {
  // A description counts when it opens with such a word ("Answered or fixed; kept for ...").
  const opening = label.description.trim().split(/\s+/).slice(0, 1).join(" ");
  return CLOSING.test(label.name) || CLOSING.test(opening);
}

/** Classification reads the opening of a thread: that is where its topic is stated. */
const CLASSIFY_MESSAGES = 20;
const MAX_SUGGESTIONS = 5;

interface HandlerRow {
  id: string;
  display_name: string;
  role: string;
  n: bigint;
}

/**
 * Who should take the thread: the moderator (else member) who has written most in other
 * discussions with the top label; without such history, the moderators as a team.
 */
export async function suggestAssignee(
  deps: AgentDeps,
  discussionId: string,
  top: LabelSuggestion | undefined,
): Promise<SuggestedAssignee | null> {
  if (!top) return null;
  const rows = await deps.db.$queryRaw<HandlerRow[]>`
    SELECT u.id, u.display_name, u.role::text AS role, count(*) AS n
    FROM messages m
    JOIN discussion_labels dl ON dl.discussion_id = m.discussion_id
    JOIN users u ON u.id = m.author_id
    WHERE dl.label_id = ${top.labelId}::uuid AND m.discussion_id <> ${discussionId}::uuid
      AND m.deleted_at IS NULL AND u.status = 'active'
    GROUP BY u.id, u.display_name, u.role
    ORDER BY (u.role <> 'member') DESC, count(*) DESC, u.id
    LIMIT 1`;
  const best = rows[0];
  if (best && (best.role !== "member" || best.n >= 2n)) {
    return {
      kind: "user",
      id: best.id,
      name: best.display_name,
      reason: `Wrote ${best.n} message(s) in other "${top.name}" threads.`,
    };
  }
  return {
    kind: "team",
    name: "Moderators",
    reason: `No one has handled "${top.name}" threads yet; moderators triage new topics.`,
  };
}

/** Labels from the site's label set with confidence, and a suggested assignee. Suggestions at
 * or above the auto-apply threshold (when set) are applied, recorded as applied by the agent. */
export const classifyWorkflow: Workflow = async ({ job, deps, call, helpers }) => {
  const discussion = await deps.db.discussion.findUniqueOrThrow({
    where: { id: job.discussionId },
    select: { title: true },
  });
  const labels = await deps.db.label.findMany({
    select: { id: true, name: true, description: true },
    orderBy: { name: "asc" },
  });
  const messages = await loadThreadMessages(deps.db, job.discussionId, {
    limit: CLASSIFY_MESSAGES,
    oldest: true,
  });
  const moderated = await moderateForProvider(
    { title: discussion.title, messages },
    deps.provider,
    deps.settings.moderation,
    call,
    (m) => helpers.logger.warn(m),
  );
  if (moderated.status === "blocked") return { kind: "blocked", reason: moderated.reason };

  const output = await deps.provider.classify(
    { title: moderated.title, messages: moderated.messages, labels },
    call,
  );
  const byId = new Map(labels.map((l) => [l.id, l]));
  const threshold = deps.settings.autoApplyThreshold;
  // The second signal: the offline scorer on the thread with instruction-like sentences
  // removed, so that no request in member text ("label this resolved") can count for itself.
  const second = new Map(
    scoreLabelsOffline({
      title: withoutInstructions(moderated.title),
      bodies: moderated.messages.map((m) => withoutInstructions(m.body)),
      labels,
    }).map((s) => [s.labelId, s.score]),
  );
  const suggestions: LabelSuggestion[] = output.scores
    .filter((s) => s.score >= deps.settings.minLabelConfidence)
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_SUGGESTIONS)
    .flatMap((s) => {
      const label = byId.get(s.labelId);
      if (!label) return [];
      const confidence = Math.round(Math.min(1, Math.max(0, s.score)) * 1000) / 1000;
      if (threshold === undefined)
        return [{ labelId: label.id, name: label.name, confidence, applied: false }];
      const notApplied =
        confidence < threshold
          ? ("below_threshold" as const)
          : closesThread(label)
            ? ("closes_thread" as const)
            : (second.get(label.id) ?? 0) < deps.settings.minLabelConfidence
              ? ("no_second_signal" as const)
              : undefined;
      return [
        {
          labelId: label.id,
          name: label.name,
          confidence,
          applied: notApplied === undefined,
          ...(notApplied ? { notApplied } : {}),
        },
      ];
    });
  const result: ClassifyResult = {
    labels: suggestions,
    suggestedAssignee: await suggestAssignee(deps, job.discussionId, suggestions[0]),
    provider: deps.provider.info("classify"),
    tokens: output.tokens,
  };
  call.onText?.(
    suggestions.map((s) => `${s.name} (${Math.round(s.confidence * 100)}%)`).join(", "),
  );
  const toApply = suggestions.filter((s) => s.applied);
  return {
    kind: "completed",
    result,
    extra: async (tx) => {
      for (const suggestion of toApply) {
        const inserted = await tx.discussionLabel.createMany({
          data: [
            { discussionId: job.discussionId, labelId: suggestion.labelId, appliedById: null },
          ],
          skipDuplicates: true,
        });
        if (inserted.count > 0) {
          await tx.auditLog.create({
            data: {
              actorId: null,
              action: "label.auto_applied",
              targetType: "discussion",
              targetId: job.discussionId,
              after: {
                labelId: suggestion.labelId,
                confidence: suggestion.confidence,
                agentJobId: job.id,
              },
            },
          });
        }
      }
    },
  };
};

export const createClassifyTask = (deps: AgentDeps) =>
  agentTask("classify", classifyWorkflow, deps);
