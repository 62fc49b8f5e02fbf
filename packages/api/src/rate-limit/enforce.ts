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

/** Consumes each rule's bucket in turn; the first refusal throws with the time to wait. */
export async function consumeAll(limiter: RateLimiter, base: string, rules: readonly RateRule[] | undefined, nowMs: number) {
  for (const rule of rules ?? []) {
    const decision = await limiter.consume(`${base}:${ruleId(rule)}`, rule, nowMs);
    if (!decision.allowed) throw rateLimitedError(decision.retryAfterMs);
  }
}

/** Refuses (without consuming) when any rule's bucket is already empty. */
export async function assertNotExhausted(limiter: RateLimiter, base: string, rules: readonly RateRule[] | undefined, nowMs: number) {
  for (const rule of rules ?? []) {
    const decision = await limiter.peek(`${base}:${ruleId(rule)}`, rule, nowMs);
    if (!decision.allowed) throw rateLimitedError(decision.retryAfterMs);
  }
}

/** One request of `action`: counted per account (stricter while it is new) and per IP. */
export async function enforceRateLimit(scope: RateLimitScope, action: RateAction): Promise<void> {
  const limits = effectiveLimits(await readRateLimitOverrides(scope.db), action);
  if (scope.account) {
    const isNew = scope.nowMs - scope.account.createdAt.getTime() < NEW_ACCOUNT_MS || scope.account.emailVerifiedAt === null;
    await consumeAll(scope.limiter, `${action}:account:${scope.account.id}`, isNew ? limits.newAccount : limits.account, scope.nowMs);
  }
  if (scope.ip) await consumeAll(scope.limiter, `${action}:ip:${scope.ip}`, limits.ip, scope.nowMs);
}
