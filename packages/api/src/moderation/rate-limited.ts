import { type Deps } from "../services/discussions";
import { RATE_LIMITED_VISIBLE_FROM } from "./review";
import { announceReviewItem, reviewEventItemSelect } from "./review-items";

/**
 * Counts one rate-limit refusal of a signed-in account on its open queue item (openKey
 * "ratelimit:<userId>"). The queue lists the item from its third occurrence on (see
 * RATE_LIMITED_VISIBLE_FROM), so moderators hear of it from then.
 */
export async function recordRateLimitedAccount({ db, events }: Deps, userId: string, action: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const item = await tx.reviewItem.upsert({
      where: { openKey: `ratelimit:${userId}` },
      create: {
        kind: "account_rate_limited",
        openKey: `ratelimit:${userId}`,
        subjectId: userId,
        reason: `Hit the rate limit of ${action}`,
      },
      update: { occurrences: { increment: 1 }, reason: `Hit the rate limit of ${action}` },
      select: reviewEventItemSelect,
    });
    if (item.occurrences >= RATE_LIMITED_VISIBLE_FROM) {
      await announceReviewItem(tx, item.occurrences === RATE_LIMITED_VISIBLE_FROM ? "review.item.opened" : "review.item.updated", item);
    }
  });
  events.wake();
}
