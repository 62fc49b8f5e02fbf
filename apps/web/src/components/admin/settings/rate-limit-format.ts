import type { RouterOutputs } from "@parley/api";

export type RateLimits = RouterOutputs["admin"]["rateLimits"];
export type RateLimitConfig = RateLimits["overrides"];
export type RateAction = keyof RateLimits["defaults"];
export type ActionLimits = NonNullable<RateLimitConfig[RateAction]>;
export type RateScope = keyof ActionLimits;
export type RateRule = NonNullable<ActionLimits[RateScope]>[number];

/** Known actions get a readable name; one added later shows its code until it gets one here. */
export const actionLabels: Partial<Record<RateAction, string>> = {
  "message.create": "Posting messages",
  "discussion.create": "Starting discussions",
  edit: "Editing and deleting",
  "attachment.upload": "Uploading attachments",
  flag: "Flagging messages",
  "agent.request": "Agent requests",
  "token.create": "Creating API tokens",
  "auth.signUp": "Signing up",
  "auth.signInFailure": "Failed sign-ins",
  "auth.passwordReset": "Password reset requests",
  "auth.verificationMail": "Confirmation links and address changes",
  search: "Searching",
};

export const scopeLabels: Record<RateScope, string> = {
  account: "Per account",
  newAccount: "Per new account (first day)",
  ip: "Per IP address",
  email: "Per email",
};

export const scopes: RateScope[] = ["account", "newAccount", "ip", "email"];

const units: [number, string][] = [
  [86_400, "day"],
  [3_600, "hour"],
  [60, "minute"],
  [1, "second"],
];

/** 3600 -> "hour", 7200 -> "2 hours", 90 -> "90 seconds". */
export function formatPeriod(seconds: number): string {
  for (const [size, unit] of units) {
    if (seconds % size === 0) {
      const count = seconds / size;
      return count === 1 ? unit : `${count} ${unit}s`;
    }
  }
  return `${seconds} seconds`;
}

export function formatRule(rule: RateRule): string {
  const base = `${rule.limit.toLocaleString("en")} per ${formatPeriod(rule.perSeconds)}`;
  return rule.burst ? `${base}, bursts of ${rule.burst.toLocaleString("en")}` : base;
}

/** The actions the server knows, in its order. */
export function rateActionsOf(defaults: RateLimits["defaults"]): RateAction[] {
  const isAction = (key: string): key is RateAction => key in defaults;
  return Object.keys(defaults).filter(isAction);
}

/** The overrides with one action's scope replaced (rules) or back to its default (null). */
export function withScope(
  actions: RateAction[],
  overrides: RateLimitConfig,
  action: RateAction,
  scope: RateScope,
  rules: RateRule[] | null,
): RateLimitConfig {
  const next: RateLimitConfig = {};
  for (const a of actions) {
    const limits: ActionLimits = {};
    for (const s of scopes) {
      const value = a === action && s === scope ? rules : overrides[a]?.[s];
      if (value) limits[s] = value;
    }
    if (Object.keys(limits).length > 0) next[a] = limits;
  }
  return next;
}
