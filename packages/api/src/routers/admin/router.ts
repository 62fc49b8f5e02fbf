import { DEFAULT_RATE_LIMITS } from "../../rate-limit/defaults";
import { readRateLimitOverrides, writeRateLimitOverrides } from "../../rate-limit/settings";
import { adminProcedure, createTRPCRouter } from "../../trpc";
import { readStyleGuide, writeStyleGuide } from "../../services/site-settings";
import {
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
});
