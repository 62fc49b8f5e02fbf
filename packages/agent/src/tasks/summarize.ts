import { type Prisma, uuid7 } from "@parley/db";
import {
  type Citation,
  type SummaryResult,
  summaryResultSchema,
  type TokenUsage,
} from "../contracts";
import { type AgentDeps, agentTask, type Workflow } from "../jobs/run-agent-job";
import { moderateForProvider } from "../moderation/moderate";
import { ProviderFailure } from "../providers/retry";
import { type SummaryClaim } from "../providers/types";
import { type PlannedBlock, planBlocks } from "../summaries/plan";
import { loadSourceMessages, loadThreadIndex, type SourceMessage } from "../summaries/sources";

const addTokens = (a: TokenUsage, b: TokenUsage): TokenUsage => ({
  input: a.input + b.input,
  output: a.output + b.output,
});

/** Claims keep only citations of `allowed` messages; a claim left without one is dropped from
 * the text as well, since nothing the reader may see supports it. */
export function validateCitations(
  claims: SummaryClaim[],
  allowed: Set<string>,
): { citations: Citation[]; dropped: number } {
  let dropped = 0;
  const citations: Citation[] = [];
  for (const claim of claims) {
    const valid = [...new Set(claim.messageIds)].filter((id) => allowed.has(id));
    dropped += new Set(claim.messageIds).size - valid.length;
    if (valid.length > 0) citations.push({ claim: claim.claim, messageIds: valid });
  }
  return { citations, dropped };
}

/** The newest completed summary of the discussion. */
async function previousSummary(deps: AgentDeps, discussionId: string) {
  const rows = await deps.db.agentJob.findMany({
    where: { discussionId, type: "summary", status: "completed" },
    orderBy: [{ completedAt: "desc" }, { id: "desc" }],
    take: 1,
    select: { result: true },
  });
  const parsed = summaryResultSchema.safeParse(rows[0]?.result);
  return parsed.success ? parsed.data : null;
}

const blockSelect = {
  id: true,
  firstAt: true,
  firstId: true,
  lastAt: true,
  lastId: true,
  messageIds: true,
  fingerprints: true,
  claims: true,
  inputTokens: true,
  outputTokens: true,
  model: true,
} as const;
type BlockRow = Prisma.AgentSummaryBlockGetPayload<{ select: typeof blockSelect }>;

function storedClaims(block: BlockRow): SummaryClaim[] {
  const claims = block.claims;
  if (!Array.isArray(claims)) return [];
  return claims.flatMap((c) => {
    if (typeof c !== "object" || c === null || Array.isArray(c)) return [];
    const { claim, messageIds } = c as Record<string, unknown>;
    return typeof claim === "string" && Array.isArray(messageIds)
      ? [{ claim, messageIds: messageIds.filter((id): id is string => typeof id === "string") }]
      : [];
  });
}

/** Whether the plan only appends to the blocks `previous` was merged from: then the previous
 * summary plus the new blocks' partials is all a merge needs. */
function appendsTo(plan: PlannedBlock<BlockRow>[], previousBlocks: string[]): boolean {
  if (previousBlocks.length === 0 || plan.length <= previousBlocks.length) return false;
  return previousBlocks.every((id, i) => {
    const entry = plan[i];
    if (entry?.kind === "reuse") return entry.block.id === id;
    return i === previousBlocks.length - 1 && entry?.extends?.id === id;
  });
}

interface BuiltBlock {
  id: string;
  messages: SourceMessage[];
  claims: SummaryClaim[];
  tokens: TokenUsage;
}

/**
 * Whole-thread summaries from stored blocks of `summaryBlockMessages` messages: blocks whose
 * messages are unchanged are reused, new or changed ones are summarized again, then the
 * partials are merged (incrementally, onto the previous summary, when only new blocks came).
 * Citations are checked against the thread's visible messages; claims without one are dropped.
 */
export const summarizeWorkflow: Workflow = async ({ job, deps, call, helpers }) => {
  const { db } = deps;
  const discussion = await db.discussion.findUniqueOrThrow({
    where: { id: job.discussionId },
    select: { title: true },
  });
  const info = deps.provider.info("summary");
  const model = `${info.name}/${info.model}`;
  const previous = await previousSummary(deps, job.discussionId);
  const previousBlockIds = previous?.blocks?.map((b) => b.id) ?? [];
  const storedRows = previousBlockIds.length
    ? await db.agentSummaryBlock.findMany({
        where: { id: { in: previousBlockIds }, discussionId: job.discussionId },
        select: blockSelect,
      })
    : [];
  const stored = storedRows.sort(
    (a, b) => a.firstAt.getTime() - b.firstAt.getTime() || a.firstId.localeCompare(b.firstId),
  );
  const index = await loadThreadIndex(db, job.discussionId);
  const plan = planBlocks(index, stored, deps.settings.summaryBlockMessages, model);
  const builds = plan.flatMap((p) => (p.kind === "build" ? [p] : []));

  const unchanged =
    previous !== null &&
    builds.length === 0 &&
    plan.length === previousBlockIds.length &&
    plan.every((p, i) => p.kind === "reuse" && p.block.id === previousBlockIds[i]);
  if (previous && unchanged) {
    // Nothing changed: the previous summary still covers the thread, at no cost.
    call.onText?.(previous.summary);
    return {
      kind: "completed",
      result: { ...previous, incremental: true, tokens: { input: 0, output: 0 } },
    };
  }

  // Bodies and fingerprints of the blocks to build, read together.
  const sources = new Map(
    (
      await loadSourceMessages(
        db,
        builds.flatMap((b) => b.messages.map((m) => m.id)),
      )
    ).map((m) => [m.id, m]),
  );
  const buildMessages = builds.map((b) =>
    b.messages.flatMap((m) => {
      const source = sources.get(m.id);
      return source ? [source] : [];
    }),
  );
  const moderated = await moderateForProvider(
    { title: discussion.title, messages: buildMessages.flat() },
    deps.provider,
    deps.settings.moderation,
    call,
    (m) => helpers.logger.warn(m),
  );
  if (moderated.status === "blocked") return { kind: "blocked", reason: moderated.reason };
  const moderatedBody = new Map(moderated.messages.map((m) => [m.id, m.body]));

  let tokens: TokenUsage = { input: 0, output: 0 };
  const single = plan.length === 1;
  const built = new Map<PlannedBlock<BlockRow>, BuiltBlock>();
  for (const [i, entry] of builds.entries()) {
    const messages = buildMessages[i] ?? [];
    if (messages.length === 0) continue;
    const output = await deps.provider.summarizeBlock(
      {
        title: moderated.title,
        messages: messages.map((m) => ({ ...m, body: moderatedBody.get(m.id) ?? m.body })),
      },
      // A thread of one block: its summary is the answer, streamed as it comes.
      single ? call : { signal: call.signal },
    );
    tokens = addTokens(tokens, output.tokens);
    const { citations } = validateCitations(output.claims, new Set(messages.map((m) => m.id)));
    built.set(entry, { id: uuid7(Date.now()), messages, claims: citations, tokens: output.tokens });
  }

  // The blocks of this summary, in thread order, with their partial summaries.
  const blocks = plan.flatMap((entry) => {
    if (entry.kind === "reuse")
      return [
        {
          id: entry.block.id,
          messages: entry.block.messageIds.length,
          messageIds: entry.block.messageIds,
          claims: storedClaims(entry.block),
        },
      ];
    const block = built.get(entry);
    return block
      ? [
          {
            id: block.id,
            messages: block.messages.length,
            messageIds: block.messages.map((m) => m.id),
            claims: block.claims,
          },
        ]
      : [];
  });

  let claims: SummaryClaim[] = [];
  let merge: "none" | "incremental" | "full" = "none";
  if (blocks.length === 1) {
    claims = blocks[0]?.claims ?? [];
    if (!single || builds.length === 0) call.onText?.(claims.map((c) => `- ${c.claim}`).join("\n"));
  } else if (blocks.length > 1) {
    const incremental = previous !== null && appendsTo(plan, previousBlockIds);
    merge = incremental ? "incremental" : "full";
    const partials = incremental
      ? plan.slice(previousBlockIds.length - 1).flatMap((entry, i) => {
          // The extended last block of the previous summary counts as new; reused ones do not.
          if (i === 0 && entry.kind === "reuse") return [];
          const block = entry.kind === "build" ? built.get(entry) : undefined;
          return block ? [block.claims] : [];
        })
      : blocks.map((b) => b.claims);
    const output = await deps.provider.mergeSummaries(
      {
        title: moderated.title,
        partials,
        previous: incremental ? previous.citations : null,
      },
      call,
    );
    tokens = addTokens(tokens, output.tokens);
    claims = output.claims;
  }

  const visible = new Set(blocks.flatMap((b) => b.messageIds));
  const { citations, dropped } = validateCitations(claims, visible);
  if (dropped > 0)
    helpers.logger.info(
      `summary of job ${job.id}: dropped ${dropped} citation(s) of unknown messages`,
    );
  if (citations.length === 0 && visible.size > 0)
    throw new ProviderFailure("the model's summary cited none of the thread's messages");

  const first = index.find((m) => visible.has(m.id));
  const last = [...index].reverse().find((m) => visible.has(m.id));
  const result: SummaryResult = {
    summary: citations.map((c) => `- ${c.claim}`).join("\n"),
    citations,
    coversUpToMessageId: last?.id ?? null,
    messageCount: visible.size,
    incremental: blocks.length > built.size || merge === "incremental",
    provider: info,
    tokens,
    coverage: {
      messages: visible.size,
      firstMessageId: first?.id ?? null,
      lastMessageId: last?.id ?? null,
      from: first?.createdAt.toISOString() ?? null,
      to: last?.createdAt.toISOString() ?? null,
    },
    blocks: blocks.map((b) => ({ id: b.id, messages: b.messages })),
    work: { blocksBuilt: built.size, blocksReused: blocks.length - built.size, merge },
  };
  const newBlocks = [...built.values()];
  return {
    kind: "completed",
    result,
    extra: async (tx) => {
      if (newBlocks.length > 0)
        await tx.agentSummaryBlock.createMany({
          data: newBlocks.flatMap((b) => {
            const [head, tail] = [b.messages[0], b.messages.at(-1)];
            if (!head || !tail) return [];
            return [
              {
                id: b.id,
                discussionId: job.discussionId,
                firstAt: head.createdAt,
                firstId: head.id,
                lastAt: tail.createdAt,
                lastId: tail.id,
                messageIds: b.messages.map((m) => m.id),
                fingerprints: b.messages.map((m) => m.fingerprint),
                claims: b.claims.map((c) => ({ claim: c.claim, messageIds: c.messageIds })),
                inputTokens: b.tokens.input,
                outputTokens: b.tokens.output,
                model,
              },
            ];
          }),
        });
      // Blocks no recent summary uses are dropped (the three newest completed ones keep theirs,
      // so a summary completing out of order is still served).
      const keep = new Set(result.blocks?.map((b) => b.id));
      const recent = await tx.agentJob.findMany({
        where: { discussionId: job.discussionId, type: "summary", status: "completed" },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 3,
        select: { result: true },
      });
      for (const row of recent) {
        const parsed = summaryResultSchema.safeParse(row.result);
        for (const b of parsed.success ? (parsed.data.blocks ?? []) : []) keep.add(b.id);
      }
      await tx.agentSummaryBlock.deleteMany({
        where: { discussionId: job.discussionId, id: { notIn: [...keep] } },
      });
    },
  };
};

export const createSummarizeTask = (deps: AgentDeps) =>
  agentTask("summary", summarizeWorkflow, deps);
