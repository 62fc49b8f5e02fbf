import { z } from "zod";
import { type Database, type Prisma } from "@parley/db";
import { type Viewer } from "../auth/viewer";

export const POSTING_POLICY_SETTING = "moderation.posting";

export const postingActionSchema = z.enum(["allow", "flag", "hold", "reject", "redact"]);
export type PostingAction = z.infer<typeof postingActionSchema>;

/**
 * What happens to a new or edited message whose toxicity score reaches `threshold`. The
 * defaults hold it for review: nothing toxic goes public unseen, and nothing is lost (a
 * moderator approves a false positive with one click). 0.8 is the agent's own threshold, so
 * posts and agent inputs are judged alike.
 */
export const postingPolicySchema = z.object({
  threshold: z.number().min(0).max(1).default(0.8),
  action: postingActionSchema.default("hold"),
});
export type PostingPolicy = z.infer<typeof postingPolicySchema>;

export const DEFAULT_POSTING_POLICY: PostingPolicy = postingPolicySchema.parse({});

/** The site's policy, or the default when it is unset or no longer valid. */
export async function readPostingPolicy(db: Pick<Database, "siteSetting">): Promise<PostingPolicy> {
  const row = await db.siteSetting.findUnique({ where: { key: POSTING_POLICY_SETTING }, select: { value: true } });
  const parsed = postingPolicySchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : DEFAULT_POSTING_POLICY;
}

/** Replaces the policy, with its audit-log row, in one transaction. */
export async function writePostingPolicy(db: Database, viewer: Viewer, next: PostingPolicy): Promise<PostingPolicy> {
  return db.$transaction(async (tx) => {
    const before = await readPostingPolicy(tx);
    const value: Prisma.InputJsonObject = { ...next };
    await tx.siteSetting.upsert({
      where: { key: POSTING_POLICY_SETTING },
      create: { key: POSTING_POLICY_SETTING, value, updatedById: viewer.id },
      update: { value, updatedById: viewer.id },
    });
    await tx.auditLog.create({
      data: {
        actorId: viewer.id,
        action: "settings.moderationPolicy",
        targetType: "site_setting",
        targetId: POSTING_POLICY_SETTING,
        before: { ...before },
        after: value,
      },
    });
    return next;
  });
}

export const moderationPolicyOutput = z.object({
  policy: z.object({ threshold: z.number(), action: postingActionSchema }),
  defaults: z.object({ threshold: z.number(), action: postingActionSchema }),
});
export const setModerationPolicyInput = z.object({
  threshold: z.number().min(0).max(1),
  action: postingActionSchema,
});
