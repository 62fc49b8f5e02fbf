import { createHash } from "node:crypto";
import { type Database } from "@parley/db";
import { DomainError } from "../errors";
import { type AccountSummary, authenticateWithPassword, normalizeEmail } from "../services/accounts";
import { assertNotExhausted } from "./enforce";
import { type RateLimiter, ruleId } from "./limiter";
import { effectiveLimits, readRateLimitOverrides } from "./settings";

export interface SignInScope {
  db: Database;
  limiter: RateLimiter;
  nowMs: number;
  ip: string | null;
}

// Hashed so the table does not list the emails people tried.
const emailKey = (email: string) =>
  `auth.signInFailure:email:${createHash("sha256").update(normalizeEmail(email)).digest("base64url")}`;

/**
 * Password sign-in guarded against guessing: while an email's or an IP's failures are used
 * up, the attempt is refused before the password is checked. Only failures count; a success
 * clears the email's count. Unknown emails are counted like known ones, so the answers
 * (wrong password, or locked with the time to wait) never reveal whether an account exists.
 */
export async function signInWithPassword(
  scope: SignInScope,
  input: { email: string; password: string },
): Promise<AccountSummary> {
  const limits = effectiveLimits(await readRateLimitOverrides(scope.db), "auth.signInFailure");
  const buckets = [
    { base: emailKey(input.email), rules: limits.email ?? [] },
    ...(scope.ip ? [{ base: `auth.signInFailure:ip:${scope.ip}`, rules: limits.ip ?? [] }] : []),
  ];
  for (const b of buckets) await assertNotExhausted(scope.limiter, b.base, b.rules, scope.nowMs);

  const account = await authenticateWithPassword(scope.db, input);
  if (account) {
    await scope.limiter.reset(`${emailKey(input.email)}:`);
    return account;
  }
  for (const b of buckets)
    for (const rule of b.rules) await scope.limiter.consume(`${b.base}:${ruleId(rule)}`, rule, scope.nowMs);
  throw new DomainError("UNAUTHENTICATED", "Wrong email or password");
}
