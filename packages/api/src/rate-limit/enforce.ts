import { DomainError } from "../errors";
import { type RateAction, NEW_ACCOUNT_MS } from "./defaults";
import { type RateLimiter, type RateRule, ruleId } from "./limiter";
import { effectiveLimits, readRateLimitOverrides } from "./settings";
import { type Database } from "@parley/db";

export interface RateLimitScope {
  db: Pick<Database, "siteSetting">;
  limiter: RateLimiter;
  nowMs: number;
  ip: string | null;
  /** Accounts with an unconfirmed address get the new-account limits, whatever their age. */
  account: { id: string; createdAt: Date; emailVerifiedAt?: Date | null } | null;
}

/** "2 minutes", "45 seconds": how long to wait, for people. */
export function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  if (seconds < 90 * 60) return `${Math.ceil(seconds / 60)} minutes`;
  return `${Math.ceil(seconds / 3600)} hours`;
}

export function rateLimitedError(retryAfterMs: number): DomainError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new DomainError("RATE_LIMITED", `Too many requests; try again in ${describeWait(seconds)}`, { retryAfterSeconds: seconds });
}

export interface Bucket {
  /** The key without the rule, e.g. `search:ip:192.0.2.1`. */
  base: string;
  rules: readonly RateRule[] | undefined;
}
/** Units taken by reserve, for giving back. */
export type Reservation = readonly { key: string; rule: RateRule }[];

/**
 * Takes one unit from every rule of every bucket in one round trip, each atomically in the
 * shared store; if any refuses, what the others took is given back and it throws with the time
 * to wait. So a refused request costs nothing, and however many run at once, no more pass than
 * the rules allow.
 */
export async function reserve(limiter: RateLimiter, buckets: readonly Bucket[], nowMs: number): Promise<Reservation> {
  const wanted = buckets.flatMap(({ base, rules }) => (rules ?? []).map((rule) => ({ key: `${base}:${ruleId(rule)}`, rule })));
  const decision = await limiter.consumeEach(wanted, nowMs);
  if (!decision.allowed) {
    await release(limiter, decision.granted);
    throw rateLimitedError(decision.retryAfterMs);
  }
  return wanted;
}

/** Gives back the units of a reservation. */
export async function release(limiter: RateLimiter, reservation: Reservation): Promise<void> {
  for (const { key, rule } of reservation) await limiter.refund(key, rule);
}

/** One request of `action`: counted per account (stricter while it is new) and per IP, in one round trip. */
export async function enforceRateLimit(scope: RateLimitScope, action: RateAction): Promise<void> {
  const limits = effectiveLimits(await readRateLimitOverrides(scope.db), action);
  const buckets: Bucket[] = [];
  if (scope.account) {
    const isNew = scope.nowMs - scope.account.createdAt.getTime() < NEW_ACCOUNT_MS || scope.account.emailVerifiedAt === null;
    buckets.push({ base: `${action}:account:${scope.account.id}`, rules: isNew ? limits.newAccount : limits.account });
  }
  if (scope.ip) buckets.push({ base: `${action}:ip:${scope.ip}`, rules: limits.ip });
  await reserve(scope.limiter, buckets, scope.nowMs);
}
