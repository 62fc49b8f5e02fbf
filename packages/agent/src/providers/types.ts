import { type AgentJobType, type ProviderInfo, type TokenUsage } from "../contracts";

export interface ProviderCallContext {
  /** The job's abort signal (graphile-worker's helpers.abortSignal): shutdown stops the call. */
  signal: AbortSignal;
  /** Streamed text as it arrives; `reset` drops what came before (a retried call). */
  onText?: (delta: string, options?: { reset?: boolean }) => void;
}

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface ChatRequest {
  messages: ChatMessage[];
  maxTokens: number;
  temperature?: number;
}

export interface ChatResult {
  text: string;
  tokens: TokenUsage;
}

export interface ScoredLabel {
  label: string;
  score: number;
}

/** A message as the agent passes it on: already moderated (redacted where policy says). */
export interface ThreadMessage {
  id: string;
  author: string;
  body: string;
  createdAt: Date;
}

/** The messages of one block of a thread (at most the block size, in posting order). */
export interface SummarizeBlockInput {
  title: string;
  messages: ThreadMessage[];
}

export interface MergeSummariesInput {
  title: string;
  /** Partial summaries of consecutive blocks, in thread order. */
  partials: SummaryClaim[][];
  /** Set for an incremental merge: the summary of the earlier blocks, which `partials` extend. */
  previous: SummaryClaim[] | null;
}

export interface SummaryClaim {
  claim: string;
  /** As the model gave them; the task validates them against the thread before storing. */
  messageIds: string[];
}

export interface SummarizeOutput {
  claims: SummaryClaim[];
  tokens: TokenUsage;
  /** Provider calls made (more than one for map-reduce). */
  calls: number;
}

export interface DraftInput {
  title: string;
  messages: ThreadMessage[];
  styleGuide: string;
  /** Who the draft is written for (their display name). */
  requester: string;
}

export interface DraftOutput {
  reply: string;
  rationale: string;
  /** The thread's points the reply is built to answer, each cited (offline drafts). */
  points?: SummaryClaim[];
  tokens: TokenUsage;
}

export interface SiteLabel {
  id: string;
  name: string;
  description: string;
}

export interface ClassifyInput {
  title: string;
  messages: ThreadMessage[];
  labels: SiteLabel[];
}

export interface ClassifyOutput {
  scores: { labelId: string; score: number }[];
  tokens: TokenUsage;
}

/**
 * One model backend for every workflow: Hugging Face, a self-hosted OpenAI-compatible
 * endpoint, or the built-in offline provider. Failures throw ProviderFailure with a readable
 * reason (after the retry policy), or JobAborted when the job is being stopped.
 */
export interface AgentProvider {
  info(workflow: AgentJobType): ProviderInfo;
  /** A partial summary of one block; streamed only when `ctx.onText` is set. */
  summarizeBlock(input: SummarizeBlockInput, ctx: ProviderCallContext): Promise<SummarizeOutput>;
  /** One summary from partial summaries (and the previous summary, for an update). */
  mergeSummaries(input: MergeSummariesInput, ctx: ProviderCallContext): Promise<SummarizeOutput>;
  draft(input: DraftInput, ctx: ProviderCallContext): Promise<DraftOutput>;
  classify(input: ClassifyInput, ctx: ProviderCallContext): Promise<ClassifyOutput>;
  /** Toxicity from 0 to 1 per text, or null when this provider has no classifier (the
   * moderation hook then relies on its lexicon). */
  toxicity(texts: string[], ctx: ProviderCallContext): Promise<number[] | null>;
}
