import { z } from "zod";
import { rateRuleSchema } from "./limiter";

/** Actions with their own limits. "edit" covers editing and deleting messages and discussions. */
export const rateLimitedActions = [
  "message.create",
  "attachment.upload",
  "discussion.create",
  "edit",
  "agent.request",
  "flag",
  "token.create",
  "auth.signUp",
  "auth.signInFailure",
  "auth.passwordReset",
  "auth.verificationMail",
  "search",
] as const;
export const rateActionSchema = z.enum(rateLimitedActions);
export type RateAction = z.infer<typeof rateActionSchema>;

const rules = z.array(rateRuleSchema).max(5);
/** Per action: rules per account (established, and younger than NEW_ACCOUNT_MS), per IP, per email (sign-in). */
export const actionLimitsSchema = z.object({
  account: rules.optional(),
  newAccount: rules.optional(),
  ip: rules.optional(),
  email: rules.optional(),
});
export type ActionLimits = z.infer<typeof actionLimitsSchema>;
export const rateLimitConfigSchema = z.partialRecord(rateActionSchema, actionLimitsSchema);
export type RateLimitConfig = z.infer<typeof rateLimitConfigSchema>;

export const NEW_ACCOUNT_MS = 24 * 3_600_000;
const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;

/**
 * Defaults, modelled on Discourse's shipped site settings because they have held up on
 * thousands of public forums:
 * - posting: Discourse waits 5 s between posts (30 s for new users) and allows 10 replies and
 *   3 topics in a new user's first day, 20 topics a day afterwards. We allow a short burst on
 *   top (people answer several replies in a row) and keep the same sustained rates.
 * - edits: Discourse's max_edits_per_day is 30; we keep it for new accounts and allow more for
 *   established ones, whose edits are mostly typo fixes.
 * - sign-in: Discourse allows 6 logins per IP per minute and 30 per hour. We count only
 *   failures: 5 per email before a lockout that grows (one more try every 5 min, at most 20 a
 *   day), and 20 per IP with one more a minute (NATs share IPs), 100 a day.
 * - sign-up: Discourse's max_new_accounts_per_registration_ip is 3; we allow 3 at once and
 *   10 a day per IP (shared networks).
 * - flags: Discourse's max_flags_per_day is 20 (fewer for new users); a member who reports a
 *   run of spam flags several in a row, so a burst of 5.
 * - agent requests cost model tokens: 20 an hour (5 for new accounts).
 * - password reset requests send mail to whoever owns the address: 3 an hour per address
 *   (Discourse's max_password_reset_per_hour is similar), per IP 10 an hour, 30 a day.
 * - search is the most expensive read (most of a second for a very common word on a million
 *   messages, docs/search.md): 30 at once, then one a second, per account and per IP.
 * Per-IP write limits are a multiple of an account's, as one IP can carry many members.
 * Admins override any action in site setting RATE_LIMITS_SETTING (admin.rateLimits).
 */
export const DEFAULT_RATE_LIMITS = {
  "message.create": {
    account: [{ limit: 1, perSeconds: 5, burst: 5 }, { limit: 500, perSeconds: DAY }],
    newAccount: [{ limit: 1, perSeconds: 30, burst: 3 }, { limit: 10, perSeconds: DAY }],
    ip: [{ limit: 60, perSeconds: MINUTE, burst: 20 }],
  },
  // A message carries up to 10 files: a burst of 20 uploads, then one every 3 s.
  "attachment.upload": {
    account: [{ limit: 1, perSeconds: 3, burst: 20 }, { limit: 300, perSeconds: DAY }],
    newAccount: [{ limit: 1, perSeconds: 10, burst: 10 }, { limit: 30, perSeconds: DAY }],
    ip: [{ limit: 120, perSeconds: MINUTE, burst: 40 }],
  },
  "discussion.create": {
    account: [{ limit: 1, perSeconds: 15, burst: 3 }, { limit: 20, perSeconds: DAY }],
    newAccount: [{ limit: 1, perSeconds: 120, burst: 1 }, { limit: 3, perSeconds: DAY }],
    ip: [{ limit: 20, perSeconds: MINUTE, burst: 10 }],
  },
  edit: {
    account: [{ limit: 1, perSeconds: 5, burst: 10 }, { limit: 200, perSeconds: DAY }],
    newAccount: [{ limit: 1, perSeconds: 10, burst: 5 }, { limit: 30, perSeconds: DAY }],
    ip: [{ limit: 60, perSeconds: MINUTE, burst: 20 }],
  },
  "agent.request": {
    account: [{ limit: 20, perSeconds: HOUR, burst: 5 }],
    newAccount: [{ limit: 5, perSeconds: HOUR, burst: 2 }],
    ip: [{ limit: 60, perSeconds: HOUR, burst: 10 }],
  },
  flag: {
    account: [{ limit: 1, perSeconds: MINUTE, burst: 5 }, { limit: 20, perSeconds: DAY }],
    newAccount: [{ limit: 1, perSeconds: 5 * MINUTE, burst: 3 }, { limit: 5, perSeconds: DAY }],
    ip: [{ limit: 60, perSeconds: HOUR, burst: 20 }],
  },
  "token.create": {
    account: [{ limit: 10, perSeconds: HOUR, burst: 5 }],
    newAccount: [{ limit: 3, perSeconds: HOUR }],
    ip: [{ limit: 30, perSeconds: HOUR, burst: 10 }],
  },
  "auth.signUp": {
    ip: [{ limit: 3, perSeconds: HOUR }, { limit: 10, perSeconds: DAY }],
  },
  "auth.signInFailure": {
    email: [{ limit: 1, perSeconds: 5 * MINUTE, burst: 5 }, { limit: 20, perSeconds: DAY }],
    ip: [{ limit: 1, perSeconds: MINUTE, burst: 20 }, { limit: 100, perSeconds: DAY }],
  },
  // Each request sends a mail: 3 an hour per address (a member who lost the first mail tries
  // again), and per IP 10 at once, then one every 6 minutes.
  "auth.passwordReset": {
    email: [{ limit: 3, perSeconds: HOUR }],
    ip: [{ limit: 10, perSeconds: HOUR }, { limit: 30, perSeconds: DAY }],
  },
  // Resent verification links and changes of address: each sends mail.
  "auth.verificationMail": {
    account: [{ limit: 3, perSeconds: HOUR }, { limit: 10, perSeconds: DAY }],
    newAccount: [{ limit: 3, perSeconds: HOUR }, { limit: 10, perSeconds: DAY }],
    ip: [{ limit: 10, perSeconds: HOUR }],
  },
  search: {
    account: [{ limit: 1, perSeconds: 1, burst: 30 }],
    ip: [{ limit: 1, perSeconds: 1, burst: 30 }],
  },
} as const satisfies Record<RateAction, ActionLimits>;

export const RATE_LIMITS_SETTING = "rateLimits";
