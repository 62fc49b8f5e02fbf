import { z } from "zod";

/**
 * What the agent shares with the API and clients: task names, job payloads, results and live
 * events. Pure schemas only, so packages/api can import this without the worker's runtime.
 */

export const agentJobTypeSchema = z.enum(["summary", "draft_reply", "classify"]);
export type AgentJobType = z.infer<typeof agentJobTypeSchema>;

export const agentJobStatusSchema = z.enum(["queued", "running", "completed", "failed", "blocked"]);
export type AgentJobStatus = z.infer<typeof agentJobStatusSchema>;

/** The graphile-worker task that runs each job type. */
export const AGENT_TASKS = {
  summary: "summarize",
  draft_reply: "draft_reply",
  classify: "classify",
} as const satisfies Record<AgentJobType, string>;
export type AgentTaskName = (typeof AGENT_TASKS)[AgentJobType];

/** The site setting (site_settings.key) holding the admins' style guide for reply drafts;
 * unset, the worker's AGENT_STYLE_GUIDE applies. */
export const STYLE_GUIDE_SETTING = "agent.styleGuide";

/** Every job payload carries its version so a worker can refuse what it does not understand. */
export const agentJobPayloadSchema = z.object({ v: z.literal(1), jobId: z.uuid() });
export type AgentJobPayload = z.infer<typeof agentJobPayloadSchema>;

export const providerInfoSchema = z.object({
  /** "huggingface", "self-hosted" or "offline". */
  name: z.string(),
  model: z.string(),
  /** True for the built-in offline provider: the UI labels such results as offline. */
  offline: z.boolean(),
});
export type ProviderInfo = z.infer<typeof providerInfoSchema>;

export const tokenUsageSchema = z.object({
  input: z.number().int().nonnegative(),
  output: z.number().int().nonnegative(),
});
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

export const citationSchema = z.object({
  claim: z.string(),
  /** Ids of messages of the thread that support the claim (validated before storing). */
  messageIds: z.array(z.uuid()).min(1),
});
export type Citation = z.infer<typeof citationSchema>;

/** Which messages a summary covers: every visible message of the thread from `from` to `to`
 * (posting order) when it was written. */
export const summaryCoverageSchema = z.object({
  /** Visible messages covered; equal to the thread's visible messages up to `to`. */
  messages: z.number().int().nonnegative(),
  firstMessageId: z.uuid().nullable(),
  lastMessageId: z.uuid().nullable(),
  from: z.iso.datetime().nullable(),
  to: z.iso.datetime().nullable(),
});
export type SummaryCoverage = z.infer<typeof summaryCoverageSchema>;

/** What a run did: blocks summarized anew, blocks reused as stored, and how it merged. */
export const summaryWorkSchema = z.object({
  blocksBuilt: z.number().int().nonnegative(),
  blocksReused: z.number().int().nonnegative(),
  merge: z.enum(["none", "incremental", "full"]),
});

export const summaryResultSchema = z.object({
  summary: z.string(),
  citations: z.array(citationSchema),
  /** The newest message the summary covers: later messages make it stale. */
  coversUpToMessageId: z.uuid().nullable(),
  /** How many messages the summary covers in total. */
  messageCount: z.number().int().nonnegative(),
  /** True when this run reused stored blocks or the previous summary. */
  incremental: z.boolean(),
  provider: providerInfoSchema,
  /** Input and output tokens of this run's calls (0 when nothing had changed). */
  tokens: tokenUsageSchema,
  coverage: summaryCoverageSchema.optional(),
  /** The stored blocks (agent_summary_blocks) the summary was merged from, in thread order:
   * serving checks their messages are unchanged. */
  blocks: z.array(z.object({ id: z.uuid(), messages: z.number().int().nonnegative() })).optional(),
  work: summaryWorkSchema.optional(),
});
export type SummaryResult = z.infer<typeof summaryResultSchema>;

export const draftResultSchema = z.object({
  reply: z.string(),
  rationale: z.string(),
  /** The thread's points the reply answers, each with the messages it comes from (offline
   * drafts list the open questions and requests they were built from). */
  points: z.array(citationSchema).optional(),
  provider: providerInfoSchema,
  tokens: tokenUsageSchema,
});
export type DraftResult = z.infer<typeof draftResultSchema>;

export const labelSuggestionSchema = z.object({
  labelId: z.uuid(),
  name: z.string(),
  confidence: z.number().min(0).max(1),
  /** True when the worker applied it: confidence reached the auto-apply threshold and the
   * second signal agreed. */
  applied: z.boolean().default(false),
  /** Why a suggestion was not applied automatically (when auto-apply is on): it would close or
   * resolve the thread, or the second signal (the offline scorer on the thread without
   * instruction-like text) did not agree. */
  notApplied: z.enum(["below_threshold", "closes_thread", "no_second_signal"]).optional(),
});
export type LabelSuggestion = z.infer<typeof labelSuggestionSchema>;

export const suggestedAssigneeSchema = z.object({
  kind: z.enum(["user", "team"]),
  id: z.string().optional(),
  name: z.string(),
  reason: z.string(),
});
export type SuggestedAssignee = z.infer<typeof suggestedAssigneeSchema>;

export const classifyResultSchema = z.object({
  labels: z.array(labelSuggestionSchema),
  suggestedAssignee: suggestedAssigneeSchema.nullable(),
  provider: providerInfoSchema,
  tokens: tokenUsageSchema,
});
export type ClassifyResult = z.infer<typeof classifyResultSchema>;

export const agentJobResultSchema = z.union([
  summaryResultSchema,
  draftResultSchema,
  classifyResultSchema,
]);
export type AgentJobResult = z.infer<typeof agentJobResultSchema>;

/** The result schema of each job type. */
export const resultSchemaByType = {
  summary: summaryResultSchema,
  draft_reply: draftResultSchema,
  classify: classifyResultSchema,
} as const;

export const agentJobViewSchema = z.object({
  id: z.uuid(),
  discussionId: z.uuid(),
  type: agentJobTypeSchema,
  status: agentJobStatusSchema,
  result: agentJobResultSchema.nullable(),
  /** A readable reason when the job failed or was blocked. */
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  completedAt: z.iso.datetime().nullable(),
  /** Summaries as served (set by the API): whether a covered message changed since (edited,
   * deleted, held, hidden, redacted), and how many visible messages came after it. */
  freshness: z
    .object({ sourcesChanged: z.boolean(), newerMessages: z.number().int().nonnegative() })
    .nullable()
    .optional(),
});
export type AgentJobView = z.infer<typeof agentJobViewSchema>;

export const agentJobUpdatedEventSchema = z.object({
  type: z.literal("agent.job.updated"),
  job: agentJobViewSchema,
});
export type AgentJobUpdatedEvent = z.infer<typeof agentJobUpdatedEventSchema>;

/**
 * Streamed text of a running job, batched (about every 100 ms, never one row per token).
 * Concatenating the deltas of a job in order gives the text so far; `reset` says to drop what
 * came before (a provider call was retried and streams again from the start).
 */
export const agentJobDeltaEventSchema = z.object({
  type: z.literal("agent.job.delta"),
  jobId: z.uuid(),
  discussionId: z.uuid(),
  text: z.string(),
  reset: z.boolean().optional(),
});
export type AgentJobDeltaEvent = z.infer<typeof agentJobDeltaEventSchema>;

export const agentEventSchema = z.discriminatedUnion("type", [
  agentJobUpdatedEventSchema,
  agentJobDeltaEventSchema,
]);
export type AgentEvent = z.infer<typeof agentEventSchema>;
export type AgentEventTopic = AgentEvent["type"];

/** The columns of an agent_jobs row that a view needs (a Prisma row or a raw one). */
export interface AgentJobRow {
  id: string;
  discussionId: string;
  type: AgentJobType;
  status: AgentJobStatus;
  result: unknown;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
}

/** A job as clients see it. A stored result that no longer parses is shown as none. */
export function toAgentJobView(row: AgentJobRow): AgentJobView {
  const parsed = row.result === null ? null : resultSchemaByType[row.type].safeParse(row.result);
  return {
    id: row.id,
    discussionId: row.discussionId,
    type: row.type,
    status: row.status,
    result: parsed?.success ? parsed.data : null,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}
