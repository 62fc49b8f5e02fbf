import { z } from "zod";
import { rateLimitConfigSchema } from "../../rate-limit/defaults";

export const rateLimitsOutput = z.object({
  /** The shipped defaults, for reference in the admin page. */
  defaults: rateLimitConfigSchema,
  /** What admins changed; an action/scope absent here uses the default. */
  overrides: rateLimitConfigSchema,
});

export const updateRateLimitsInput = z.object({ overrides: rateLimitConfigSchema });
