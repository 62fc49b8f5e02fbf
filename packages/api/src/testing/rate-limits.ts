import { type Database, type Prisma } from "@parley/db";
import { RATE_LIMITS_SETTING, type RateLimitConfig, rateLimitedActions } from "../rate-limit/defaults";

const generous = [{ limit: 1_000_000, perSeconds: 1 }];

/**
 * Overrides every limit with one no test reaches, through the same site setting admins use,
 * so suites that post a lot keep testing the limiter's code path rather than bypassing it.
 */
export async function raiseRateLimits(db: Database): Promise<void> {
  const value: RateLimitConfig = Object.fromEntries(
    rateLimitedActions.map((action) => [action, { account: generous, newAccount: generous, ip: generous, email: generous }]),
  );
  const json = value as Prisma.InputJsonObject;
  await db.siteSetting.upsert({
    where: { key: RATE_LIMITS_SETTING },
    create: { key: RATE_LIMITS_SETTING, value: json },
    update: { value: json },
  });
}
