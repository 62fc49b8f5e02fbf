import { createHash } from "node:crypto";
import { type AgentJobType, type ProviderInfo, type TokenUsage } from "../contracts";
import { classificationText, classifyOutputSchema, classifyPrompt } from "../prompts/classify";
import { MessageRefs, messageData } from "../prompts/data";
import { draftPrompt, parseDraft, partialReply } from "../prompts/draft";
import { mergePrompt, parseClaims, SUMMARY_SYSTEM_PROMPT, summaryPrompt } from "../prompts/summary";
import { estimateTokens, truncateToTokens } from "../tokens";
import { ProviderFailure } from "./retry";
import {
  type AgentProvider,
  type ChatRequest,
  type ChatResult,
  type ClassifyInput,
  type ClassifyOutput,
  type DraftInput,
  type DraftOutput,
  type ProviderCallContext,
  type ScoredLabel,
  type MergeSummariesInput,
  type SummarizeBlockInput,
  type SummarizeOutput,
  type SummaryClaim,
  type ThreadMessage,
} from "./types";

/** The calls a model service offers; Hugging Face has all, an OpenAI-compatible server chat only. */
export interface ModelBackend {
  name: string;
  model(workflow: AgentJobType): string;
  chat(workflow: AgentJobType, request: ChatRequest, ctx: ProviderCallContext): Promise<ChatResult>;
  zeroShot?: (
    text: string,
    candidateLabels: string[],
    ctx: ProviderCallContext,
  ) => Promise<ScoredLabel[]>;
  classifyToxicity?: (text: string, ctx: ProviderCallContext) => Promise<ScoredLabel[]>;
  /** The model that scores toxicity, for the record. */
  moderationModel?: string;
}

export interface ModelProviderOptions {
  /** Input tokens one call may carry. */
  tokenBudget: number;
  maxOutputTokens: number;
}

const addTokens = (a: TokenUsage, b: TokenUsage): TokenUsage => ({
  input: a.input + b.input,
  output: a.output + b.output,
});
export const NON_TOXIC = /^(non[-_ ]?toxic|not[-_ ]?toxic|neutral|ok|safe|label_0|clean)$/i;
/** Room in a call's budget for instructions around the data. */
const PROMPT_OVERHEAD = 150;

/** Consecutive groups of items whose token estimates fit `room` each. */
function pack<T>(items: T[], size: (item: T) => number, room: number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const item of items) {
    const cost = size(item);
    if (current.length > 0 && used + cost > room) {
      groups.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += cost;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * The agent's workflows on top of a model service: prompts, token budgets, map-reduce for long
 * threads, structured output checks. Hugging Face and self-hosted endpoints share it.
 */
export class ModelProvider implements AgentProvider {
  private readonly toxicityCache = new Map<string, number>();

  constructor(
    private readonly backend: ModelBackend,
    private readonly options: ModelProviderOptions,
  ) {}

  info(workflow: AgentJobType): ProviderInfo {
    return { name: this.backend.name, model: this.backend.model(workflow), offline: false };
  }

  private fitMessages(messages: ThreadMessage[], room: number): ThreadMessage[] {
    return messages.map((m) => ({ ...m, body: truncateToTokens(m.body, room) }));
  }

  private request(prompt: ChatRequest["messages"]): ChatRequest {
    return { messages: prompt, maxTokens: this.options.maxOutputTokens };
  }

  async summarizeBlock(
    input: SummarizeBlockInput,
    ctx: ProviderCallContext,
  ): Promise<SummarizeOutput> {
    const refs = new MessageRefs();
    const room = Math.max(
      50,
      this.options.tokenBudget - estimateTokens(SUMMARY_SYSTEM_PROMPT) - PROMPT_OVERHEAD,
    );
    const messages = this.fitMessages(input.messages, room);
    const chunks = pack(messages, (m) => estimateTokens(messageData(m, "M0000")), room);
    if (chunks.length <= 1) {
      const prompt = summaryPrompt({ title: input.title, messages, refs });
      const result = await this.backend.chat("summary", this.request(prompt), ctx);
      return { claims: parseClaims(result.text, refs), tokens: result.tokens, calls: 1 };
    }
    // A block too large for one call: its parts, then a merge of them.
    let tokens: TokenUsage = { input: 0, output: 0 };
    let calls = 0;
    const partials: SummaryClaim[][] = [];
    for (const [index, part] of chunks.entries()) {
      const prompt = summaryPrompt({
        title: input.title,
        messages: part,
        refs,
        part: { index: index + 1, of: chunks.length },
      });
      const result = await this.backend.chat("summary", this.request(prompt), {
        signal: ctx.signal,
      });
      tokens = addTokens(tokens, result.tokens);
      calls++;
      partials.push(parseClaims(result.text, refs));
    }
    const merged = await this.mergeSummaries({ title: input.title, partials, previous: null }, ctx);
    return {
      claims: merged.claims,
      tokens: addTokens(tokens, merged.tokens),
      calls: calls + merged.calls,
    };
  }

  /** Merges in calls that fit the budget, level by level; the last call streams. */
  async mergeSummaries(
    input: MergeSummariesInput,
    ctx: ProviderCallContext,
  ): Promise<SummarizeOutput> {
    const refs = new MessageRefs();
    const partCost = (claims: SummaryClaim[]) =>
      estimateTokens(claims.map((c) => c.claim).join("\n")) + claims.length * 4;
    const mergeRoom = Math.max(
      50,
      this.options.tokenBudget - estimateTokens(SUMMARY_SYSTEM_PROMPT) - PROMPT_OVERHEAD,
    );
    let tokens: TokenUsage = { input: 0, output: 0 };
    let calls = 0;
    const previous = input.previous;
    let partials = input.partials;
    for (;;) {
      const room = Math.max(50, mergeRoom - (previous ? partCost(previous) : 0));
      const groups = pack(partials, partCost, room);
      const last = groups.length <= 1;
      const merged: SummaryClaim[][] = [];
      for (const group of last ? [groups[0] ?? []] : groups) {
        const result = await this.backend.chat(
          "summary",
          this.request(mergePrompt(input.title, group, refs, last ? previous : null)),
          last ? ctx : { signal: ctx.signal },
        );
        tokens = addTokens(tokens, result.tokens);
        calls++;
        merged.push(parseClaims(result.text, refs));
      }
      if (last) return { claims: merged[0] ?? [], tokens, calls };
      // A merge that does not shrink the input would loop forever: stop with what we have.
      if (merged.length >= partials.length)
        return { claims: [...(previous ?? []), ...merged.flat()], tokens, calls };
      // The previous summary joins the last level only.
      partials = merged;
    }
  }

  async draft(input: DraftInput, ctx: ProviderCallContext): Promise<DraftOutput> {
    const { tokenBudget, maxOutputTokens } = this.options;
    const room = Math.max(
      50,
      tokenBudget - PROMPT_OVERHEAD - estimateTokens(input.styleGuide) - 120,
    );
    // The newest messages matter most for a reply: keep as many of them as fit.
    const kept: ThreadMessage[] = [];
    let used = 0;
    for (const message of this.fitMessages(input.messages, room).reverse()) {
      const cost = estimateTokens(messageData(message, "M0000"));
      if (kept.length > 0 && used + cost > room) break;
      kept.unshift(message);
      used += cost;
    }
    let raw = "";
    let shown = "";
    const result = await this.backend.chat(
      "draft_reply",
      { messages: draftPrompt({ ...input, messages: kept }), maxTokens: maxOutputTokens },
      {
        signal: ctx.signal,
        onText: (delta, options) => {
          if (options?.reset) {
            raw = "";
            shown = "";
            ctx.onText?.("", { reset: true });
          }
          raw += delta;
          const reply = partialReply(raw);
          if (reply.length > shown.length && reply.startsWith(shown)) {
            ctx.onText?.(reply.slice(shown.length));
            shown = reply;
          }
        },
      },
    );
    const draft = parseDraft(result.text);
    if (!draft)
      throw new ProviderFailure(
        'the model did not answer with the expected {"reply", "rationale"} object',
      );
    return { ...draft, tokens: result.tokens };
  }

  async classify(input: ClassifyInput, ctx: ProviderCallContext): Promise<ClassifyOutput> {
    if (input.labels.length === 0) return { scores: [], tokens: { input: 0, output: 0 } };
    const idByName = new Map(input.labels.map((l) => [l.name.toLowerCase(), l.id]));
    const { zeroShot } = this.backend;
    if (zeroShot) {
      // Zero-shot models read about 512 tokens: the title and the opening messages carry the topic.
      const text = truncateToTokens(
        classificationText(input.title, input.messages),
        Math.min(480, this.options.tokenBudget),
      );
      const scored = await zeroShot(
        text,
        input.labels.map((l) => l.name),
        ctx,
      );
      return {
        scores: scored.flatMap((s) => {
          const labelId = idByName.get(s.label.toLowerCase());
          return labelId ? [{ labelId, score: s.score }] : [];
        }),
        tokens: { input: estimateTokens(text), output: 0 },
      };
    }
    const room = Math.max(
      50,
      this.options.tokenBudget - PROMPT_OVERHEAD - input.labels.length * 20,
    );
    const [first, ...rest] = this.fitMessages(input.messages, room);
    const messages =
      pack(
        first ? [first, ...rest] : [],
        (m) => estimateTokens(messageData(m, "M0000")),
        room,
      )[0] ?? [];
    const result = await this.backend.chat(
      "classify",
      {
        messages: classifyPrompt({ title: input.title, messages, labels: input.labels }),
        maxTokens: 300,
        temperature: 0,
      },
      { signal: ctx.signal },
    );
    const start = result.text.indexOf("{");
    const end = result.text.lastIndexOf("}");
    let parsed: unknown;
    try {
      parsed = start >= 0 && end > start ? JSON.parse(result.text.slice(start, end + 1)) : null;
    } catch {
      parsed = null;
    }
    const output = classifyOutputSchema.safeParse(parsed);
    if (!output.success)
      throw new ProviderFailure('the model did not answer with the expected {"labels"} object');
    return {
      scores: output.data.labels.flatMap((l) => {
        const labelId = idByName.get(l.name.toLowerCase());
        return labelId ? [{ labelId, score: l.confidence }] : [];
      }),
      tokens: result.tokens,
    };
  }

  async toxicity(texts: string[], ctx: ProviderCallContext): Promise<number[] | null> {
    const { classifyToxicity } = this.backend;
    if (!classifyToxicity) return null;
    const scores: number[] = [];
    // One call per text, a few at a time; a body already scored is not sent again.
    const queue = texts.map((text, index) => ({ text, index }));
    const work = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        const key = createHash("sha256").update(item.text).digest("base64url");
        let score = this.toxicityCache.get(key);
        if (score === undefined) {
          const labels = await classifyToxicity(truncateToTokens(item.text, 480), ctx);
          score = Math.max(
            0,
            ...labels.filter((l) => !NON_TOXIC.test(l.label)).map((l) => l.score),
          );
          if (this.toxicityCache.size > 10_000) this.toxicityCache.clear();
          this.toxicityCache.set(key, score);
        }
        scores[item.index] = score;
      }
    };
    await Promise.all(Array.from({ length: Math.min(4, texts.length) }, work));
    return scores;
  }
}
