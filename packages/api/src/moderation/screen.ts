import {
  checkToxicity,
  redactSpans,
  type ToxicityChecker,
  type ToxicityVerdict,
  WITHHELD,
  lexiconVerdict,
} from "@parley/agent/moderation";
import { type Database, type MessageStatus, type ModerationOutcome } from "@parley/db";
import { logger } from "../logger";
import { type PostingPolicy, readPostingPolicy } from "./policy";

/** What moderation needs besides the database: the classifier (tests and callers may pass one). */
export interface ModerationDeps {
  db: Pick<Database, "siteSetting">;
  toxicity?: ToxicityChecker;
}

/** The posting hook's decision on one text, made before any transaction opens. */
export interface Screening {
  verdict: Omit<ToxicityVerdict, "spans">;
  policy: PostingPolicy;
  outcome: ModerationOutcome;
  /** The body to store (redacted when the outcome is redact). */
  body: string;
  status: MessageStatus;
  statusReason: string | null;
  /** The body as written when a redaction changed it: kept as a revision for moderators. */
  original: string | null;
}

const defaultChecker: ToxicityChecker = { check: checkToxicity };

async function classify(deps: ModerationDeps, text: string): Promise<ToxicityVerdict> {
  try {
    return await (deps.toxicity ?? defaultChecker).check(text, AbortSignal.timeout(15_000));
  } catch (error) {
    // A posting must not fail because the classifier did: the word list still decides.
    logger.warn({ err: error }, "toxicity check failed; using the word list");
    return lexiconVerdict(text);
  }
}

const describe = (v: ToxicityVerdict) =>
  v.provider === "lexicon" ? "it contains words the site does not allow" : `the toxicity check scored it ${v.label} ${v.score.toFixed(2)}`;

/**
 * Scores `text` with the same check as the agent's inputs and applies the site policy. An
 * HTTP call may happen here, so callers run it before opening their transaction.
 */
export async function screenText(deps: ModerationDeps, text: string): Promise<Screening> {
  const [verdict, policy] = await Promise.all([classify(deps, text), readPostingPolicy(deps.db)]);
  const { spans, ...scored } = verdict;
  const outcome: ModerationOutcome = verdict.score >= policy.threshold ? policy.action : "allow";
  const base = { verdict: scored, policy, outcome, body: text, original: null, status: "published", statusReason: null } as const;
  switch (outcome) {
    case "allow":
    case "flag":
      return base;
    case "hold":
      return { ...base, status: "held", statusReason: `Held for review: ${describe(verdict)}. A moderator will look at it.` };
    case "reject":
      return { ...base, status: "rejected", statusReason: `Not published: ${describe(verdict)}. Rephrase it and post again.` };
    case "redact":
      return { ...base, body: spans.length > 0 ? redactSpans(text, spans) : WITHHELD, original: text };
  }
}

const strictness: Record<MessageStatus, number> = { published: 0, held: 1, rejected: 2 };

/** An edit never publishes what moderation withheld: the stricter of the two statuses wins. */
export function statusAfterEdit(
  current: { status: MessageStatus; statusReason: string | null },
  screening: Screening,
): { status: MessageStatus; statusReason: string | null } {
  return strictness[screening.status] >= strictness[current.status]
    ? { status: screening.status, statusReason: screening.statusReason }
    : current;
}
