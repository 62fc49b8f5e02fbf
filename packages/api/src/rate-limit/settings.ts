import { type Database, type Prisma } from "@parley/db";
import {
  type ActionLimits,
  DEFAULT_RATE_LIMITS,
  RATE_LIMITS_SETTING,
  type RateAction,
  type RateLimitConfig,
  rateLimitConfigSchema,
} from "./defaults";

/** The admins' overrides, or none when the setting is absent or no longer valid. */
export async function readRateLimitOverrides(db: Pick<Database, "siteSetting">): Promise<RateLimitConfig> {
  const row = await db.siteSetting.findUnique({ where: { key: RATE_LIMITS_SETTING }, select: { value: true } });
  const parsed = rateLimitConfigSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : {};
}

/** An action's limits: each scope's rules from the overrides if set there, else the default. */
export function effectiveLimits(overrides: RateLimitConfig, action: RateAction): ActionLimits {
  const defaults: ActionLimits = DEFAULT_RATE_LIMITS[action];
  return { ...defaults, ...overrides[action] };
}

/** Replaces the overrides and writes the audit row, in one transaction. */
export async function writeRateLimitOverrides(db: Database, actorId: string, next: RateLimitConfig): Promise<RateLimitConfig> {
  return db.$transaction(async (tx) => {
    const before = await readRateLimitOverrides(tx);
    const value = next as Prisma.InputJsonObject;
    await tx.siteSetting.upsert({
      where: { key: RATE_LIMITS_SETTING },
      create: { key: RATE_LIMITS_SETTING, value, updatedById: actorId },
      update: { value, updatedById: actorId },
    });
    await tx.auditLog.create({
      data: {
        actorId,
        action: "settings.rateLimits.updated",
        targetType: "site_setting",
        targetId: RATE_LIMITS_SETTING,
        before: before,
        after: value,
      },
    });
    return next;
  });
}
