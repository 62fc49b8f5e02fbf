import { readAgentEnv } from "../env";
import { HfCalls, type HfTarget } from "../providers/hf-calls";
import { NON_TOXIC } from "../providers/model-provider";
import { ProviderFailure } from "../providers/retry";
import { resolveProviderKind, type ProviderEnv } from "../providers/select";
import { type FlaggedSpan, scoreToxicity } from "./lexicon";

export { lexiconSpans, redactSpans, REDACTED, scoreToxicity, type FlaggedSpan } from "./lexicon";
export { WITHHELD } from "./moderate";

/** What the toxicity check says about one text: the same classifier that guards agent inputs. */
export interface ToxicityVerdict {
  /** The strongest toxic label ("toxic", "insult", ...), "lexicon" for an offline hit, or "clean". */
  label: string;
  /** 0 to 1: the classifier's score, or the offline check's (obscenity + scored lexicon). */
  score: number;
  /** "huggingface" when the model answered, else "lexicon" (the offline fallback). */
  provider: "huggingface" | "lexicon";
  /** Spans of the word list's hits, which a redaction replaces. */
  spans: FlaggedSpan[];
}

export interface ToxicityChecker {
  check(text: string, signal?: AbortSignal): Promise<ToxicityVerdict>;
}

/** The offline check alone (obscenity's profanity matcher and the scored lexicon). */
export function lexiconVerdict(text: string): ToxicityVerdict {
  const { score, spans } = scoreToxicity(text);
  return score > 0
    ? { label: "lexicon", score, provider: "lexicon", spans }
    : { label: "clean", score: 0, provider: "lexicon", spans };
}

export const lexiconChecker: ToxicityChecker = {
  check: (text) => Promise.resolve(lexiconVerdict(text)),
};

/**
 * The Hugging Face text classifier with the word list on top (a word-list hit always counts,
 * as in the agent's hook). A posting request waits on it, so the call gets a short timeout and
 * one retry; when the model fails the word list decides alone and `onFallback` hears why.
 */
export function createHuggingFaceChecker(
  target: HfTarget,
  accessToken: string,
  options: { timeoutMs?: number; onFallback?: (reason: string) => void } = {},
): ToxicityChecker {
  const hf = new HfCalls({
    accessToken,
    policy: {
      attempts: 2,
      baseDelayMs: 200,
      maxDelayMs: 1000,
      timeoutMs: options.timeoutMs ?? 4000,
    },
  });
  return {
    async check(text, signal) {
      const lexicon = lexiconVerdict(text);
      let labels: { label: string; score: number }[];
      try {
        labels = await hf.textClassification(target, text.slice(0, 4000), {
          signal: signal ?? new AbortController().signal,
        });
      } catch (error) {
        if (!(error instanceof ProviderFailure)) throw error;
        options.onFallback?.(error.message);
        return lexicon;
      }
      const top = labels
        .filter((l) => !NON_TOXIC.test(l.label))
        .reduce<{ label: string; score: number } | null>(
          (best, l) => (!best || l.score > best.score ? l : best),
          null,
        );
      const score = top?.score ?? 0;
      if (lexicon.score > score) return { ...lexicon, provider: "huggingface" };
      return {
        label: top && score > 0 ? top.label : "clean",
        score,
        provider: "huggingface",
        spans: lexicon.spans,
      };
    },
  };
}

/** The checker the environment configures: Hugging Face when the agent uses it, else the word list. */
export function createToxicityChecker(
  env: Pick<
    ProviderEnv,
    | "AGENT_PROVIDER"
    | "HF_API_TOKEN"
    | "AGENT_SELF_HOSTED_URL"
    | "HF_MODERATION_PROVIDER"
    | "HF_MODERATION_MODEL"
  >,
  options: { timeoutMs?: number; onFallback?: (reason: string) => void } = {},
): ToxicityChecker {
  if (resolveProviderKind(env) !== "huggingface" || !env.HF_API_TOKEN) return lexiconChecker;
  return createHuggingFaceChecker(
    { provider: env.HF_MODERATION_PROVIDER, model: env.HF_MODERATION_MODEL },
    env.HF_API_TOKEN,
    options,
  );
}

let fromEnv: ToxicityChecker | undefined;

/** Scores one text with the checker of this process's environment (made on first use). */
export function checkToxicity(text: string, signal?: AbortSignal): Promise<ToxicityVerdict> {
  fromEnv ??= createToxicityChecker(readAgentEnv());
  return fromEnv.check(text, signal);
}
