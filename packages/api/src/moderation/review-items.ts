import { type Prisma, type ReviewItemKind } from "@parley/db";
import { appendEvent } from "../events/outbox";
import { type ReviewQueueEvent } from "./events";

type Tx = Prisma.TransactionClient;

export const reviewEventItemSelect = {
  id: true,
  kind: true,
  status: true,
  messageId: true,
  subjectId: true,
  occurrences: true,
} as const satisfies Prisma.ReviewItemSelect;

/** One item's change on the moderators' live queue (an outbox row with no discussion). */
export async function announceReviewItem(
  tx: Tx,
  type: ReviewQueueEvent["type"],
  item: Prisma.ReviewItemGetPayload<{ select: typeof reviewEventItemSelect }>,
): Promise<void> {
  await appendEvent(tx, null, { type, item });
}

/**
 * Opens the queue item for `openKey`, or bumps the open one (occurrences + 1, latest score):
 * a subject has at most one open item per kind, however often it comes back.
 */
export async function openOrBumpReviewItem(
  tx: Tx,
  input: {
    kind: ReviewItemKind;
    openKey: string;
    messageId?: string | null;
    subjectId?: string | null;
    reason: string;
    label?: string | null;
    score?: number | null;
  },
) {
  const scored = {
    ...(input.label !== undefined ? { label: input.label } : {}),
    ...(input.score !== undefined ? { score: input.score } : {}),
  };
  const item = await tx.reviewItem.upsert({
    where: { openKey: input.openKey },
    create: {
      kind: input.kind,
      openKey: input.openKey,
      messageId: input.messageId ?? null,
      subjectId: input.subjectId ?? null,
      reason: input.reason,
      ...scored,
    },
    update: { occurrences: { increment: 1 }, reason: input.reason, ...scored },
    select: reviewEventItemSelect,
  });
  await announceReviewItem(tx, item.occurrences === 1 ? "review.item.opened" : "review.item.updated", item);
  return item;
}
