import {
  type ProviderCallContext,
  type AgentProvider,
  type ThreadMessage,
} from "../providers/types";
import { JobAborted, ProviderFailure } from "../providers/retry";
import { redactSpans, scoreToxicity } from "./lexicon";

export type ModerationPolicy = "block" | "redact";

export const WITHHELD = "[message withheld by moderation]";

export interface ModerationSettings {
  policy: ModerationPolicy;
  /** Toxicity at or above this is flagged. */
  threshold: number;
}

export type ModerationOutcome =
  | {
      status: "ok";
      title: string;
      messages: ThreadMessage[];
      redacted: number;
      classifier: "model" | "lexicon";
    }
  | { status: "blocked"; reason: string };

/**
 * The hook every text passes before it goes to a provider. A classifier of the provider layer
 * scores toxicity when there is one (the lexicon when there is not, or when it fails); by
 * policy a flagged text blocks the job, or its flagged spans (the whole message when the
 * classifier cannot say where) are redacted.
 */
export async function moderateForProvider(
  input: { title: string; messages: ThreadMessage[] },
  provider: AgentProvider,
  settings: ModerationSettings,
  ctx: ProviderCallContext,
  warn: (message: string) => void = () => undefined,
): Promise<ModerationOutcome> {
  const texts = [input.title, ...input.messages.map((m) => m.body)];
  let scores: number[] | null = null;
  try {
    scores = await provider.toxicity(texts, { signal: ctx.signal });
  } catch (error) {
    if (error instanceof JobAborted) throw error;
    if (!(error instanceof ProviderFailure)) throw error;
    warn(`toxicity classifier unavailable, using the lexicon: ${error.message}`);
  }
  const verdicts = texts.map((text, i) => {
    const offline = scoreToxicity(text);
    const modelFlag = scores ? (scores[i] ?? 0) >= settings.threshold : false;
    const offlineFlag = offline.score >= settings.threshold;
    return {
      text,
      spans: offline.spans,
      flagged: modelFlag || offlineFlag,
      modelFlag,
      offlineFlag,
    };
  });

  if (settings.policy === "block") {
    const index = verdicts.findIndex((v) => v.flagged);
    if (index >= 0) {
      const what =
        index === 0 ? "the discussion title" : `message ${input.messages[index - 1]?.id ?? "?"}`;
      const by = verdicts[index]?.modelFlag
        ? "the toxicity classifier"
        : "the offline toxicity check";
      return {
        status: "blocked",
        reason: `Blocked by moderation: ${what} was flagged by ${by}, and flagged content is never sent to a model.`,
      };
    }
  }

  let redacted = 0;
  const clean = verdicts.map((v) => {
    if (!v.flagged) return v.text;
    redacted++;
    // The offline spans explain only the offline verdict: a text the model flagged on its own
    // is withheld whole.
    return v.offlineFlag && v.spans.length > 0 ? redactSpans(v.text, v.spans) : WITHHELD;
  });
  return {
    status: "ok",
    title: clean[0] ?? input.title,
    messages: input.messages.map((m, i) => ({ ...m, body: clean[i + 1] ?? m.body })),
    redacted,
    classifier: scores ? "model" : "lexicon",
  };
}
