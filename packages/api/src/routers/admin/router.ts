import {
  DEFAULT_POSTING_POLICY,
  moderationPolicyOutput,
  readPostingPolicy,
  setModerationPolicyInput,
  writePostingPolicy,
} from "../../moderation/policy";
import { DEFAULT_RATE_LIMITS } from "../../rate-limit/defaults";
import { readRateLimitOverrides, writeRateLimitOverrides } from "../../rate-limit/settings";
import {
  DEFAULT_UNVERIFIED_POLICY,
  readUnverifiedPolicy,
  unverifiedPolicySchema,
  writeUnverifiedPolicy,
} from "../../policies/unverified";
import { adminProcedure, createTRPCRouter } from "../../trpc";
import { readStyleGuide, writeStyleGuide } from "../../services/site-settings";
import {
  unverifiedPolicyOutput,
  rateLimitsOutput,
  setStyleGuideInput,
  styleGuideOutput,
  updateRateLimitsInput,
} from "./schemas";

export const adminRouter = createTRPCRouter({
  rateLimits: adminProcedure
    .output(rateLimitsOutput)
    .query(async ({ ctx }) => ({
      defaults: DEFAULT_RATE_LIMITS,
      overrides: await readRateLimitOverrides(ctx.db),
    })),

  /** Replaces the overrides as a whole; an audit-log row records before and after. */
  updateRateLimits: adminProcedure
    .input(updateRateLimitsInput)
    .output(rateLimitsOutput)
    .mutation(async ({ ctx, input }) => ({
      defaults: DEFAULT_RATE_LIMITS,
      overrides: await writeRateLimitOverrides(ctx.db, ctx.viewer.id, input.overrides),
    })),

  /** The site-wide style guide that reply drafts follow. */
  styleGuide: adminProcedure
    .output(styleGuideOutput)
    .query(async ({ ctx }) => ({ styleGuide: await readStyleGuide(ctx.db) })),

  setStyleGuide: adminProcedure
    .input(setStyleGuideInput)
    .output(styleGuideOutput)
    .mutation(async ({ ctx, input }) => ({
      styleGuide: await writeStyleGuide(ctx.db, ctx.viewer, input.styleGuide),
    })),

  /** What an account may do before its address is confirmed (site setting "accounts.unverified"). */
  unverifiedPolicy: adminProcedure
    .output(unverifiedPolicyOutput)
    .query(async ({ ctx }) => ({ policy: await readUnverifiedPolicy(ctx.db), defaults: DEFAULT_UNVERIFIED_POLICY })),

  setUnverifiedPolicy: adminProcedure
    .input(unverifiedPolicySchema)
    .output(unverifiedPolicyOutput)
    .mutation(async ({ ctx, input }) => ({
      policy: await writeUnverifiedPolicy(ctx.db, ctx.viewer, input),
      defaults: DEFAULT_UNVERIFIED_POLICY,
    })),

  /** What the posting hook does with toxic messages (site setting "moderation.posting"). */
  moderationPolicy: adminProcedure
    .output(moderationPolicyOutput)
    .query(async ({ ctx }) => ({ policy: await readPostingPolicy(ctx.db), defaults: DEFAULT_POSTING_POLICY })),

  setModerationPolicy: adminProcedure
    .input(setModerationPolicyInput)
    .output(moderationPolicyOutput)
    .mutation(async ({ ctx, input }) => ({
      policy: await writePostingPolicy(ctx.db, ctx.viewer, input),
      defaults: DEFAULT_POSTING_POLICY,
    })),
});
