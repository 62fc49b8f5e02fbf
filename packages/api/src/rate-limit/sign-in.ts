import { createHash } from "node:crypto";
import { type Database } from "@parley/db";
import { DomainError } from "../errors";
import { type AccountSummary, authenticateWithPassword, normalizeEmail } from "../services/accounts";
import { type Bucket, release, reserve } from "./enforce";
import { type RateLimiter } from "./limiter";
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
 * Password sign-in guarded against guessing. Every attempt first reserves one failure from
 * its email's and its IP's buckets, atomically in the shared store, and only then checks the
 * password: however many attempts arrive at once, on however many instances, no more
 * passwords are checked than the limits allow (checking first and counting after let 20
 * simultaneous guesses through against a limit of 5). A right password gives the reservation
 * back and clears the email's count, so only failures count. Unknown emails are counted like
 * known ones, so the answers (wrong password, or locked with the time to wait) never reveal
 * whether an account exists.
 */
export async function signInWithPassword(
  scope: SignInScope,
  input: { email: string; password: string },
): Promise<AccountSummary> {
  const limits = effectiveLimits(await readRateLimitOverrides(scope.db), "auth.signInFailure");
  const buckets: Bucket[] = [
    { base: emailKey(input.email), rules: limits.email },
    ...(scope.ip ? [{ base: `auth.signInFailure:ip:${scope.ip}`, rules: limits.ip }] : []),
  ];
  const reservation = await reserve(scope.limiter, buckets, scope.nowMs);

  let account: AccountSummary | null;
  try {
    account = await authenticateWithPassword(scope.db, input);
  } catch (error) {
    // FORBIDDEN (banned) is only told to whoever knew the password: not a failed guess.
    if (error instanceof DomainError && error.code === "FORBIDDEN") await release(scope.limiter, reservation);
    throw error;
  }
  if (!account) throw new DomainError("UNAUTHENTICATED", "Wrong email or password");
  await release(scope.limiter, reservation);
  await scope.limiter.reset(`${emailKey(input.email)}:`);
  return account;
}
