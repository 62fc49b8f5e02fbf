import { type Database } from "@parley/db";
import { type Task } from "graphile-worker";
import { isWithheld } from "../jobs/thread";
import { enqueueMail } from "../mail/enqueue";
import { type MailEnv, readMailEnv } from "../mail/env";
import { signUnsubscribe } from "../mail/unsubscribe";
import { readWebhookEnv, webhookSecretKey } from "../webhooks/env";

/** Every minute; `?max=1` so that a worker that was down runs it once, not once per missed minute. */
export const mailNotificationsCrontab = "* * * * * mail_notifications ?id=mail_notifications&max=1";

const BATCH = 1000;
const EXCERPT = 200;

export interface NotificationMailDeps {
  db: Database;
  env: () => Pick<MailEnv, "PUBLIC_URL" | "NOTIFICATION_MAIL_DELAY_MS">;
  /** APP_SECRET_KEY (the web app verifies unsubscribe links with the same key). */
  secret: () => string;
}

interface DueRow {
  user_id: string;
  kind: "mention" | "reply";
  actor_id: string | null;
  discussion_id: string | null;
  message_id: string | null;
}

const excerpt = (body: string) => {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
};

/**
 * Mails mentions and replies that are still unread `NOTIFICATION_MAIL_DELAY_MS` after they
 * happened, one mail per member per run. It reads nothing on the post path: it takes the
 * oldest due rows by index (unmailed, unread, older than the cutoff), marks them mailed in
 * the same transaction that queues the mails (so a re-run never mails twice), and leaves out
 * what the member turned off, what is deleted or held by moderation, and members whose
 * address is unconfirmed or who are banned.
 */
export function createMailNotificationsTask(deps: NotificationMailDeps): Task {
  return async (_payload, helpers) => {
    const env = deps.env();
    const cutoff = new Date(Date.now() - env.NOTIFICATION_MAIL_DELAY_MS);
    const mailed = await deps.db.$transaction(async (tx) => {
      const due = await tx.$queryRaw<DueRow[]>`
        WITH due AS (
          SELECT id FROM notifications
          WHERE mailed_at IS NULL AND read_at IS NULL AND created_at < ${cutoff}
          ORDER BY mailed_at, read_at, created_at
          LIMIT ${BATCH}
          FOR UPDATE SKIP LOCKED
        )
        UPDATE notifications n SET mailed_at = now() FROM due WHERE n.id = due.id
        RETURNING n.user_id, n.kind::text AS kind, n.actor_id, n.discussion_id, n.message_id`;
      if (due.length === 0) return 0;

      const ids = (pick: (r: DueRow) => string | null) => [
        ...new Set(due.map(pick).filter((v): v is string => v !== null)),
      ];
      const [users, messages, actors] = await Promise.all([
        tx.user.findMany({
          where: { id: { in: ids((r) => r.user_id) } },
          select: {
            id: true,
            email: true,
            displayName: true,
            status: true,
            emailVerifiedAt: true,
            mailMentions: true,
            mailReplies: true,
          },
        }),
        tx.message.findMany({
          where: { id: { in: ids((r) => r.message_id) } },
          select: {
            id: true,
            body: true,
            status: true,
            deletedAt: true,
            metadata: true,
            discussion: { select: { id: true, title: true } },
          },
        }),
        tx.user.findMany({
          where: { id: { in: ids((r) => r.actor_id) } },
          select: { id: true, displayName: true },
        }),
      ]);
      const messageById = new Map(messages.map((m) => [m.id, m]));
      const actorName = new Map(actors.map((a) => [a.id, a.displayName]));

      let count = 0;
      for (const user of users) {
        if (user.status === "banned" || !user.emailVerifiedAt) continue;
        const wanted = (kind: "mention" | "reply") =>
          (kind === "mention" ? user.mailMentions : user.mailReplies) === "immediately";
        const items = due
          .filter((r) => r.user_id === user.id && wanted(r.kind))
          .flatMap((r) => {
            const message = r.message_id ? messageById.get(r.message_id) : undefined;
            // Only what the member may read now: published, not deleted, not withheld.
            if (!message || message.status !== "published" || isWithheld(message)) return [];
            return [
              {
                kind: r.kind,
                actor: (r.actor_id ? actorName.get(r.actor_id) : undefined) ?? "Someone",
                discussionTitle: message.discussion.title,
                excerpt: excerpt(message.body),
                link: new URL(`/discussions/${message.discussion.id}`, env.PUBLIC_URL).toString(),
              },
            ];
          })
          .slice(0, 50);
        if (items.length === 0) continue;
        const kinds = [...new Set(items.map((i) => i.kind))];
        const unsubscribe = new URL("/api/unsubscribe", env.PUBLIC_URL);
        unsubscribe.searchParams.set("token", signUnsubscribe(deps.secret(), user.id, kinds));
        await enqueueMail(tx, {
          v: 1,
          to: user.email,
          name: user.displayName,
          content: {
            template: "notifications",
            items,
            settingsLink: new URL("/settings/account", env.PUBLIC_URL).toString(),
          },
          unsubscribeUrl: unsubscribe.toString(),
        });
        count++;
      }
      return count;
    });
    const reviews = await mailReviewQueue(deps, env, cutoff);
    if (mailed + reviews > 0)
      helpers.logger.info(`queued ${mailed} notification and ${reviews} review-queue mails`);
  };
}

const reviewKinds: Record<string, string> = {
  message_held: "A held message",
  message_flagged: "A flagged message",
  message_blocked: "A blocked message",
  message_redacted: "A redacted message",
  account_rate_limited: "An account that keeps hitting rate limits",
};

/**
 * For each moderator who wants it: review items created since the last look (up to the
 * cutoff) and still open, in one mail. Each moderator's window moves forward in the same
 * transaction as the mail is queued. The mail names the kind and the reason, never the
 * content: the queue page shows that to whoever is still a moderator when they open it.
 */
async function mailReviewQueue(
  deps: NotificationMailDeps,
  env: ReturnType<NotificationMailDeps["env"]>,
  cutoff: Date,
): Promise<number> {
  const moderators = await deps.db.user.findMany({
    where: {
      role: { in: ["moderator", "admin"] },
      status: { not: "banned" },
      emailVerifiedAt: { not: null },
      mailReviews: "immediately",
    },
    select: { id: true, email: true, displayName: true, reviewMailedUntil: true },
    take: 500,
  });
  let count = 0;
  for (const moderator of moderators) {
    // A moderator seen for the first time starts with the last window, not the whole backlog.
    const from =
      moderator.reviewMailedUntil ??
      new Date(cutoff.getTime() - Math.max(env.NOTIFICATION_MAIL_DELAY_MS, 60_000));
    if (from >= cutoff) continue;
    const sent = await deps.db.$transaction(async (tx) => {
      const moved = await tx.user.updateMany({
        where: {
          id: moderator.id,
          OR: [{ reviewMailedUntil: null }, { reviewMailedUntil: { lt: cutoff } }],
        },
        data: { reviewMailedUntil: cutoff },
      });
      if (moved.count === 0) return false;
      const where = { status: "open" as const, createdAt: { gt: from, lte: cutoff } };
      const [items, total] = await Promise.all([
        tx.reviewItem.findMany({
          where,
          orderBy: { createdAt: "asc" },
          take: 20,
          select: { kind: true, reason: true },
        }),
        tx.reviewItem.count({ where }),
      ]);
      if (items.length === 0) return false;
      const unsubscribe = new URL("/api/unsubscribe", env.PUBLIC_URL);
      unsubscribe.searchParams.set(
        "token",
        signUnsubscribe(deps.secret(), moderator.id, ["review"]),
      );
      await enqueueMail(tx, {
        v: 1,
        to: moderator.email,
        name: moderator.displayName,
        content: {
          template: "review_queue",
          items: items.map((i) => ({
            what: reviewKinds[i.kind] ?? i.kind,
            reason: i.reason.slice(0, 300),
          })),
          more: total - items.length,
          queueLink: new URL("/admin", env.PUBLIC_URL).toString(),
          settingsLink: new URL("/settings/account", env.PUBLIC_URL).toString(),
        },
        unsubscribeUrl: unsubscribe.toString(),
      });
      return true;
    });
    if (sent) count++;
  }
  return count;
}

export const defaultNotificationMailDeps = (db: Database): NotificationMailDeps => ({
  db,
  env: () => readMailEnv(),
  secret: () => webhookSecretKey(readWebhookEnv()),
});
