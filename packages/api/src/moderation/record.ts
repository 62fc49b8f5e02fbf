import { type ModerationOutcome, type Prisma, type ReviewItemKind } from "@parley/db";
import { openOrBumpReviewItem } from "./review-items";
import { type Screening } from "./screen";

type Tx = Prisma.TransactionClient;

/** Which queue item each outcome opens ("allow" opens none). */
const queued: Partial<Record<ModerationOutcome, { kind: ReviewItemKind; key: string }>> = {
  flag: { kind: "message_flagged", key: "flag" },
  hold: { kind: "message_held", key: "held" },
  reject: { kind: "message_blocked", key: "blocked" },
  redact: { kind: "message_redacted", key: "redacted" },
};

/**
 * Writes the posting hook's decision in the message's own transaction: the decision row with
 * the classifier's label and score, the original of a redacted text (as a revision, which only
 * moderators and the author may read), and the review item the outcome calls for.
 */
export async function recordScreening(
  tx: Tx,
  message: { id: string; authorId: string },
  screening: Screening,
): Promise<void> {
  const { verdict, policy, outcome } = screening;
  await tx.$executeRaw`
    INSERT INTO moderation_decisions (message_id, outcome, policy, label, score, provider)
    VALUES (${message.id}::uuid, ${outcome}::"ModerationOutcome", ${policy.action}, ${verdict.label},
            ${verdict.score}, ${verdict.provider})`;
  if (screening.original !== null) {
    await tx.messageRevision.create({
      data: { messageId: message.id, body: screening.original, editedById: message.authorId },
    });
  }
  const item = queued[outcome];
  if (!item) return;
  await openOrBumpReviewItem(tx, {
    kind: item.kind,
    openKey: `${item.key}:${message.id}`,
    messageId: message.id,
    subjectId: message.authorId,
    reason: screening.statusReason ?? `Toxicity check: ${verdict.label} ${verdict.score.toFixed(2)} (${verdict.provider})`,
    label: verdict.label,
    score: verdict.score,
  });
}
