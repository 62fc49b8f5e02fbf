import { type Database } from "@parley/db";
import { z } from "zod";
import { type Viewer } from "../auth/viewer";
import { DomainError } from "../errors";

/** Site setting: what an account may do before its address is confirmed. */
export const UNVERIFIED_SETTING = "accounts.unverified";
export const unverifiedPolicySchema = z.object({
  /** Post, reply, flag, ask the agent... at the new-account rate limits. False: read only. */
  mayWrite: z.boolean(),
});
export type UnverifiedPolicy = z.infer<typeof unverifiedPolicySchema>;
export const DEFAULT_UNVERIFIED_POLICY: UnverifiedPolicy = { mayWrite: true };

export async function readUnverifiedPolicy(
  db: Pick<Database, "siteSetting">,
): Promise<UnverifiedPolicy> {
  const row = await db.siteSetting.findUnique({
    where: { key: UNVERIFIED_SETTING },
    select: { value: true },
  });
  const parsed = unverifiedPolicySchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_UNVERIFIED_POLICY;
}

export async function writeUnverifiedPolicy(
  db: Database,
  admin: Viewer,
  policy: UnverifiedPolicy,
): Promise<UnverifiedPolicy> {
  return db.$transaction(async (tx) => {
    const before = await readUnverifiedPolicy(tx);
    await tx.siteSetting.upsert({
      where: { key: UNVERIFIED_SETTING },
      create: { key: UNVERIFIED_SETTING, value: policy, updatedById: admin.id },
      update: { value: policy, updatedById: admin.id },
    });
    await tx.auditLog.create({
      data: {
        actorId: admin.id,
        action: "settings.unverifiedAccounts",
        targetType: "site_setting",
        targetId: UNVERIFIED_SETTING,
        before,
        after: policy,
      },
    });
    return policy;
  });
}

/** Refuses a write by an unconfirmed member when the site says they may only read. Staff are
 * never held back (the first account, an admin, has no one to confirm it for). */
export async function assertVerifiedIfRequired(
  db: Pick<Database, "siteSetting">,
  viewer: Viewer,
): Promise<void> {
  if (viewer.emailVerifiedAt || viewer.role !== "member") return;
  if ((await readUnverifiedPolicy(db)).mayWrite) return;
  throw new DomainError(
    "FORBIDDEN",
    "Confirm your email address first: open the link we mailed you, or ask for a new one.",
  );
}
