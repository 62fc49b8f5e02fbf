import { z } from "zod";
import { text } from "../text";
import { unverifiedPolicySchema } from "../../policies/unverified";
import { rateLimitConfigSchema } from "../../rate-limit/defaults";

export const rateLimitsOutput = z.object({
  /** The shipped defaults, for reference in the admin page. */
  defaults: rateLimitConfigSchema,
  /** What admins changed; an action/scope absent here uses the default. */
  overrides: rateLimitConfigSchema,
});

export const updateRateLimitsInput = z.object({ overrides: rateLimitConfigSchema });

/** null: the worker's default (AGENT_STYLE_GUIDE) applies. */
export const styleGuideOutput = z.object({ styleGuide: z.string().nullable() });
export const setStyleGuideInput = z.object({ styleGuide: text().trim().max(2000).nullable() });

export const unverifiedPolicyOutput = z.object({ policy: unverifiedPolicySchema, defaults: unverifiedPolicySchema });
