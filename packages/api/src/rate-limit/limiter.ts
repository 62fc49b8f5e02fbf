import { z } from "zod";

/**
 * One limit as GCRA: `limit` requests per `perSeconds` on average, with up to `burst`
 * (default `limit`) at once after a quiet period.
 */
export const rateRuleSchema = z.object({
  limit: z.number().int().min(1).max(1_000_000),
  perSeconds: z.number().int().min(1).max(30 * 86_400),
  burst: z.number().int().min(1).max(1_000_000).optional(),
});
export type RateRule = z.infer<typeof rateRuleSchema>;

export interface RateBucket {
  key: string;
  rule: RateRule;
}

export interface RateDecision {
  allowed: boolean;
  /** 0 when allowed; otherwise how long until one more request would be. */
  retryAfterMs: number;
}

/**
 * Shared limit state. Small on purpose: a Redis implementation (one Lua script per call)
 * can replace the PostgreSQL one without touching callers.
 */
export interface RateLimiter {
  /** Takes one unit from the key's bucket if the rule allows it; nothing is taken otherwise. */
  consume(key: string, rule: RateRule, nowMs: number): Promise<RateDecision>;
  /**
   * `consume` for several buckets in one round trip (a request's per-account and per-IP rules).
   * Each bucket decides alone; the answer is refused if any bucket refused, with the longest
   * wait, and lists the buckets that did take a unit (to refund).
   */
  consumeEach(buckets: readonly RateBucket[], nowMs: number): Promise<RateDecision & { granted: RateBucket[] }>;
  /** Gives back one unit that consume took (a reservation that turned out not to be needed). */
  refund(key: string, rule: RateRule): Promise<void>;
  /** Whether one more unit would be allowed, without taking it. */
  peek(key: string, rule: RateRule, nowMs: number): Promise<RateDecision>;
  /** Forgets every bucket whose key starts with `keyPrefix` (e.g. an email's failures after it signs in). */
  reset(keyPrefix: string): Promise<void>;
}

/** GCRA parameters: the emission interval and the burst tolerance, in milliseconds. */
export function gcra(rule: RateRule): { intervalMs: number; toleranceMs: number } {
  const intervalMs = (rule.perSeconds * 1000) / rule.limit;
  return { intervalMs, toleranceMs: intervalMs * (rule.burst ?? rule.limit) };
}

/** The decision for a bucket whose theoretical arrival time is `tat` (null: empty bucket). */
export function decide(tat: number | null, rule: RateRule, nowMs: number): RateDecision {
  const { intervalMs, toleranceMs } = gcra(rule);
  const next = Math.max(tat ?? nowMs, nowMs) + intervalMs;
  const wait = next - toleranceMs - nowMs;
  return wait <= 0 ? { allowed: true, retryAfterMs: 0 } : { allowed: false, retryAfterMs: Math.ceil(wait) };
}

/** The rule's identity in a bucket key, so an admin's change starts a fresh bucket. */
export const ruleId = (rule: RateRule) => `${rule.limit}/${rule.perSeconds}s/${rule.burst ?? rule.limit}`;
