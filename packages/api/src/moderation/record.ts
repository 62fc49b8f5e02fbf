import { type ModerationOutcome, Prisma, type ReviewItemKind } from "@parley/db";
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
 * the classifier's label and score, then what the outcome calls for (recordScreeningFollowUps).
 */
export async function recordScreening(
  tx: Tx,
  message: { id: string; authorId: string },
  screening: Screening,
): Promise<void> {
  await tx.$executeRaw`${insertDecisionSql(message.id, screening)}`;
  await recordScreeningFollowUps(tx, message, screening);
}

/**
 * The decision row's INSERT, also part of a new post's statement (`from`: the CTE the new
 * message comes from, so nothing is written when the message is not).
 */
export function insertDecisionSql(messageId: string, screening: Screening, from: Prisma.Sql = Prisma.empty): Prisma.Sql {
  const { verdict, policy, outcome } = screening;
  return Prisma.sql`
    INSERT INTO moderation_decisions (message_id, outcome, policy, label, score, provider)
    SELECT ${messageId}::uuid, ${outcome}::"ModerationOutcome", ${policy.action}, ${verdict.label},
           ${verdict.score}::float8, ${verdict.provider} ${from}`;
}

/** Whether the outcome adds anything to its decision row (see recordScreeningFollowUps). */
export const needsFollowUps = (screening: Screening): boolean =>
  screening.original !== null || queued[screening.outcome] !== undefined;

/**
 * What an outcome adds to its decision row: the original of a redacted text (as a revision,
 * which only moderators and the author may read) and the review item the outcome calls for.
 * Nothing for "allow". (A new post writes its decision row in its own statement.)
 */
export async function recordScreeningFollowUps(
  tx: Tx,
  message: { id: string; authorId: string },
  screening: Screening,
): Promise<void> {
  const { verdict, outcome } = screening;
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
