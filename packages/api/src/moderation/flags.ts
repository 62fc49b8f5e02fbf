import { type FlagReason, Prisma } from "@parley/db";
import { type Viewer } from "../auth/viewer";
import { DomainError, forbidden, notFound } from "../errors";
import { type Deps } from "../services/discussions";
import { openOrBumpReviewItem } from "./review-items";
import { canSeeMessage } from "./visibility";

const reasonText: Record<FlagReason, string> = {
  spam: "spam",
  abuse: "abuse",
  off_topic: "off topic",
  other: "other",
};

const alreadyFlagged = () => new DomainError("CONFLICT", "You already flagged this message");

/**
 * A member reports a message: one flag per member and message, never on their own. The
 * message's review item (openKey "flag:<id>") opens, or counts one more occurrence.
 */
export async function createFlag(
  { db, events }: Deps,
  viewer: Viewer,
  input: { messageId: string; reason: FlagReason; note?: string | undefined },
) {
  try {
    const flag = await db.$transaction(async (tx) => {
      const message = await tx.message.findUnique({
        where: { id: input.messageId },
        select: { id: true, authorId: true, status: true, deletedAt: true },
      });
      if (!message || message.deletedAt || !canSeeMessage(viewer, message)) throw notFound("Message");
      if (message.authorId === viewer.id) throw forbidden("You cannot flag your own message");
      const existing = await tx.flag.findUnique({
        where: { messageId_reporterId: { messageId: message.id, reporterId: viewer.id } },
        select: { id: true },
      });
      if (existing) throw alreadyFlagged();
      const created = await tx.flag.create({
        data: { messageId: message.id, reporterId: viewer.id, reason: input.reason, note: input.note ?? "" },
        select: { id: true, messageId: true, reason: true, note: true, createdAt: true },
      });
      await openOrBumpReviewItem(tx, {
        kind: "message_flagged",
        openKey: `flag:${message.id}`,
        messageId: message.id,
        subjectId: message.authorId,
        reason: `Flagged by a member: ${reasonText[input.reason]}`,
      });
      return created;
    });
    events.wake();
    return { ...flag, createdAt: flag.createdAt.toISOString() };
  } catch (error) {
    // Two flags racing past the check: the unique index answers for the second one.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw alreadyFlagged();
    throw error;
  }
}
