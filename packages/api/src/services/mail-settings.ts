import { type NotificationMailKind, verifyUnsubscribe } from "@parley/agent/mail";
import { type Database, type NotificationMailMode } from "@parley/db";
import { DomainError } from "../errors";
import { readServerEnv } from "../env";

export interface MailSettings {
  mentions: NotificationMailMode;
  replies: NotificationMailMode;
  /** Moderators and admins only: new review-queue items still open after the delay. */
  reviews: NotificationMailMode;
}

const column = {
  mention: "mailMentions",
  reply: "mailReplies",
  review: "mailReviews",
} as const satisfies Record<NotificationMailKind, string>;

export async function readMailSettings(db: Database, userId: string): Promise<MailSettings> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { mailMentions: true, mailReplies: true, mailReviews: true },
  });
  return { mentions: user.mailMentions, replies: user.mailReplies, reviews: user.mailReviews };
}

export async function writeMailSettings(
  db: Database,
  userId: string,
  next: Partial<MailSettings>,
): Promise<MailSettings> {
  const user = await db.user.update({
    where: { id: userId },
    data: {
      ...(next.mentions ? { mailMentions: next.mentions } : {}),
      ...(next.replies ? { mailReplies: next.replies } : {}),
      ...(next.reviews ? { mailReviews: next.reviews } : {}),
    },
    select: { mailMentions: true, mailReplies: true, mailReviews: true },
  });
  return { mentions: user.mailMentions, replies: user.mailReplies, reviews: user.mailReviews };
}

/**
 * RFC 8058 one-click unsubscribe, without signing in: the signed link names the account and
 * the kinds of mail it came with, and turns those off. Using it twice is harmless.
 */
export async function unsubscribeByLink(
  db: Database,
  token: string,
  secret = readServerEnv().APP_SECRET_KEY,
) {
  const link = verifyUnsubscribe(secret, token);
  if (!link)
    throw new DomainError(
      "INVALID",
      "This unsubscribe link is not valid. Sign in and change your mail settings on the Account page.",
    );
  const data = Object.fromEntries(link.kinds.map((kind) => [column[kind], "never" as const]));
  const updated = await db.user.updateMany({ where: { id: link.userId }, data });
  if (updated.count === 0)
    throw new DomainError(
      "INVALID",
      "This unsubscribe link is for an account that no longer exists.",
    );
  return { kinds: link.kinds };
}
