import { type AgentJobType, type ProviderInfo } from "../contracts";
import { estimateTokens } from "../tokens";
import { scoreLabelsOffline } from "./label-scorer";
import {
  type AgentProvider,
  type ClassifyInput,
  type ClassifyOutput,
  type DraftInput,
  type DraftOutput,
  type ProviderCallContext,
  type MergeSummariesInput,
  type SummarizeBlockInput,
  type SummarizeOutput,
  type SummaryClaim,
  type ThreadMessage,
} from "./types";

const STOPWORDS = new Set(
  (
    "about above after again also because been before being below between both could does doing down during each " +
    "from further have having here into just more most other over same should some such than that their them then " +
    "there these they this those through under until very what when where which while will with would your yours " +
    "thanks thank please hello still really"
  ).split(" "),
);

const words = (text: string) =>
  (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? []).filter(
    (w) => w.length >= 4 && !STOPWORDS.has(w),
  );

function sentences(body: string): string[] {
  return body
    .replace(/\s+/g, " ")
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 12);
}

interface Candidate {
  text: string;
  messageId: string;
  order: number;
  score: number;
}

/** The sentences that carry the thread's most frequent content words, at most two per message. */
function extract(messages: ThreadMessage[], limit: number): SummaryClaim[] {
  const frequency = new Map<string, number>();
  for (const m of messages)
    for (const w of new Set(words(m.body))) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const candidates: Candidate[] = [];
  messages.forEach((m, order) => {
    for (const text of sentences(m.body)) {
      const ws = words(text);
      if (ws.length === 0) continue;
      const score = ws.reduce((sum, w) => sum + (frequency.get(w) ?? 0), 0) / Math.sqrt(ws.length);
      candidates.push({
        text: text.length > 240 ? `${text.slice(0, 237)}...` : text,
        messageId: m.id,
        order,
        score,
      });
    }
  });
  const perMessage = new Map<string, number>();
  const chosen: Candidate[] = [];
  for (const c of [...candidates].sort((a, b) => b.score - a.score || a.order - b.order)) {
    if (chosen.length >= limit) break;
    const taken = perMessage.get(c.messageId) ?? 0;
    if (taken >= 2) continue;
    perMessage.set(c.messageId, taken + 1);
    chosen.push(c);
  }
  return chosen
    .sort((a, b) => a.order - b.order)
    .map((c) => ({ claim: c.text, messageIds: [c.messageId] }));
}

interface Point {
  text: string;
  messageId: string;
  author: string;
}

const REPORT =
  /\b(?:still|fails?|failing|error|broken|crash(?:es|ed)?|doesn't work|does not work|not working|can't|cannot|unable|stuck|same (?:here|problem|issue)|happens|regression)\b/i;
const quote = (text: string) => (text.length > 200 ? `${text.slice(0, 197)}...` : text);

/**
 * Questions nobody else answered later (a later message by someone else that shares at least
 * a third of the question's content words counts as an answer), newest first; and problem
 * reports by others after the requester's last message.
 */
function openPoints(
  messages: ThreadMessage[],
  requester: string,
): { questions: Point[]; reports: Point[] } {
  const questions: Point[] = [];
  messages.forEach((m, index) => {
    for (const text of sentences(m.body)) {
      if (!text.endsWith("?")) continue;
      const asked = new Set(words(text));
      const answered = messages.slice(index + 1).some((later) => {
        if (later.author === m.author || asked.size === 0) return false;
        const said = new Set(words(later.body));
        return [...asked].filter((w) => said.has(w)).length / asked.size >= 1 / 3;
      });
      if (!answered && m.author !== requester)
        questions.push({ text: quote(text), messageId: m.id, author: m.author });
    }
  });
  let since = 0;
  messages.forEach((m, i) => {
    if (m.author === requester) since = i + 1;
  });
  const reports: Point[] = [];
  for (const m of messages.slice(since)) {
    if (m.author === requester) continue;
    const text = sentences(m.body).find((s) => !s.endsWith("?") && REPORT.test(s));
    if (text) reports.push({ text: quote(text), messageId: m.id, author: m.author });
  }
  return { questions: questions.slice(-3).reverse(), reports: reports.slice(-3) };
}

/** Streams text line by line, the way a model would, so the UI behaves the same offline. */
function stream(ctx: ProviderCallContext, lines: string[]): void {
  for (const line of lines) ctx.onText?.(`${line}\n`);
}

/**
 * The built-in provider for when no model is configured: extractive summaries with citations,
 * labels from the label names and descriptions, a templated draft. Results say `offline: true`.
 */
export class OfflineProvider implements AgentProvider {
  static readonly MODEL = "parley-offline-1";
  private readonly maxClaims = 6;

  info(_workflow: AgentJobType): ProviderInfo {
    return { name: "offline", model: OfflineProvider.MODEL, offline: true };
  }

  summarizeBlock(input: SummarizeBlockInput, ctx: ProviderCallContext): Promise<SummarizeOutput> {
    const claims = extract(input.messages, this.maxClaims);
    stream(
      ctx,
      claims.map((c) => `- ${c.claim}`),
    );
    return Promise.resolve({
      claims,
      tokens: {
        input: estimateTokens(input.messages.map((m) => m.body).join("\n")),
        output: estimateTokens(claims.map((c) => c.claim).join("\n")),
      },
      calls: 1,
    });
  }

  /** Claims taken in turn from each part (the previous summary counts as the first), so a
   * long thread's summary spans its whole length; kept in thread order. */
  mergeSummaries(input: MergeSummariesInput, ctx: ProviderCallContext): Promise<SummarizeOutput> {
    const parts = [...(input.previous ? [input.previous] : []), ...input.partials];
    const limit = Math.max(this.maxClaims, 8);
    const picked = new Set<string>();
    const chosen: { part: number; at: number; claim: SummaryClaim }[] = [];
    for (let at = 0; chosen.length < limit && parts.some((p) => p.length > at); at++) {
      // Spread picks over the parts: every k-th part per round when there are many.
      const stride = Math.max(1, Math.ceil(parts.length / limit));
      for (let part = at % stride; part < parts.length && chosen.length < limit; part += stride) {
        const claim = parts[part]?.[at];
        if (!claim || picked.has(claim.claim)) continue;
        picked.add(claim.claim);
        chosen.push({ part, at, claim });
      }
    }
    const claims = chosen.sort((a, b) => a.part - b.part || a.at - b.at).map((c) => c.claim);
    stream(
      ctx,
      claims.map((c) => `- ${c.claim}`),
    );
    return Promise.resolve({
      claims,
      tokens: {
        input: estimateTokens(
          parts
            .flat()
            .map((c) => c.claim)
            .join("\n"),
        ),
        output: estimateTokens(claims.map((c) => c.claim).join("\n")),
      },
      calls: 1,
    });
  }

  /**
   * A draft built from the thread: its open questions (asked, and not answered by someone else
   * later) and the reports still waiting for a response, each quoted and cited, with a place
   * for the requester's answer. No model writes the answers: the rationale says so.
   */
  draft(input: DraftInput, ctx: ProviderCallContext): Promise<DraftOutput> {
    const { questions, reports } = openPoints(input.messages, input.requester);
    const last = input.messages.at(-1);
    const greeting = last && last.author !== input.requester ? `Hi ${last.author},` : "Hi all,";
    const lines = [`${greeting} thanks for the details on "${input.title}".`, ""];
    if (questions.length > 0) {
      lines.push(questions.length === 1 ? "On the open question:" : "On the open questions:");
      for (const q of questions) lines.push(`- "${q.text}" (${q.author}): [your answer]`);
      lines.push("");
    }
    if (reports.length > 0) {
      lines.push("Also worth a reply:");
      for (const r of reports)
        lines.push(`- ${r.author} reported: "${r.text}" [what you found or suggest]`);
      lines.push("");
    }
    if (questions.length === 0 && reports.length === 0)
      lines.push("[your reply: no open question or unanswered report was found in the thread]", "");
    const reply = lines.join("\n").trim();
    stream(ctx, reply.split("\n"));
    const points = [...questions, ...reports].map((p) => ({
      claim: p.text,
      messageIds: [p.messageId],
    }));
    return Promise.resolve({
      reply,
      rationale:
        `Offline draft (no language model is configured): built from ${questions.length} open question(s) ` +
        `and ${reports.length} report(s) of the thread that nobody has answered yet, each cited. ` +
        "Fill in the bracketed parts before posting.",
      points,
      tokens: { input: 0, output: estimateTokens(reply) },
    });
  }

  classify(input: ClassifyInput, _ctx: ProviderCallContext): Promise<ClassifyOutput> {
    const scores = scoreLabelsOffline({
      title: input.title,
      bodies: input.messages.map((m) => m.body),
      labels: input.labels,
    });
    return Promise.resolve({ scores, tokens: { input: 0, output: 0 } });
  }

  toxicity(_texts: string[], _ctx: ProviderCallContext): Promise<number[] | null> {
    return Promise.resolve(null);
  }
}
