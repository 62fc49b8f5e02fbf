import { DEFAULT_RATE_LIMITS } from "../../rate-limit/defaults";
import { readRateLimitOverrides, writeRateLimitOverrides } from "../../rate-limit/settings";
import { adminProcedure, createTRPCRouter } from "../../trpc";
import { rateLimitsOutput, updateRateLimitsInput } from "./schemas";

export const adminRouter = createTRPCRouter({
  rateLimits: adminProcedure
    .output(rateLimitsOutput)
    .query(async ({ ctx }) => ({ defaults: DEFAULT_RATE_LIMITS, overrides: await readRateLimitOverrides(ctx.db) })),

  /** Replaces the overrides as a whole; an audit-log row records before and after. */
  updateRateLimits: adminProcedure
    .input(updateRateLimitsInput)
    .output(rateLimitsOutput)
    .mutation(async ({ ctx, input }) => ({
      defaults: DEFAULT_RATE_LIMITS,
      overrides: await writeRateLimitOverrides(ctx.db, ctx.viewer.id, input.overrides),
    })),
});
