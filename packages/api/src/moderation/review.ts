import {
  type Database,
  type MessageStatus,
  type Prisma,
  type ReviewItemKind,
  type ReviewItemStatus,
} from "@parley/db";
import { lexiconSpans, redactSpans, WITHHELD } from "@parley/agent/moderation";
import { type Viewer } from "../auth/viewer";
import { DomainError, notFound } from "../errors";
import { appendEvent } from "../events/outbox";
import { type ReviewAction, type ReviewItemView } from "../routers/review/schemas";
import { type Deps } from "../services/discussions";
import { cutPage, decodeOptionalKeyset, keysetWhere } from "../paging/keyset";
import { notifyForMessage } from "../services/notifications";
import { discussionSummarySelect, toDiscussionSummary } from "../views/discussion";
import { messageViewSelect, toMessageView } from "../views/message";
import { userRefSelect } from "../views/user";
import { announceReviewItem, reviewEventItemSelect } from "./review-items";

type Tx = Prisma.TransactionClient;

/**
 * Accounts that hit a rate limit open an item on their first refusal, but the queue shows
 * them from the third on: one refusal is usually a burst of honest use (a double submit, a
 * script's retry), while a pattern is worth a moderator's look.
 */
export const RATE_LIMITED_VISIBLE_FROM = 3;

const reviewItemSelect = {
  id: true,
  kind: true,
  status: true,
  reason: true,
  label: true,
  score: true,
  occurrences: true,
  createdAt: true,
  updatedAt: true,
  resolvedAt: true,
  resolution: true,
  resolvedBy: { select: userRefSelect },
  subject: { select: userRefSelect },
  message: {
    select: {
      id: true,
      body: true,
      status: true,
      statusReason: true,
      createdAt: true,
      editedAt: true,
      deletedAt: true,
      author: { select: userRefSelect },
      discussion: { select: { id: true, title: true } },
      flags: {
        select: {
          id: true,
          reason: true,
          note: true,
          createdAt: true,
          reporter: { select: userRefSelect },
        },
        orderBy: { createdAt: "asc" },
        take: 50,
      },
    },
  },
} as const satisfies Prisma.ReviewItemSelect;

type ReviewRow = Prisma.ReviewItemGetPayload<{ select: typeof reviewItemSelect }>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toReviewItemView(row: ReviewRow): ReviewItemView {
  const { message } = row;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    reason: row.reason,
    label: row.label,
    score: row.score,
    occurrences: row.occurrences,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    resolvedAt: iso(row.resolvedAt),
    resolvedBy: row.resolvedBy,
    resolution: row.resolution,
    subject: row.subject,
    message: message
      ? {
          id: message.id,
          body: message.body,
          status: message.status,
          statusReason: message.statusReason,
          createdAt: message.createdAt.toISOString(),
          editedAt: iso(message.editedAt),
          deletedAt: iso(message.deletedAt),
          author: message.author,
          discussion: message.discussion,
        }
      : null,
    flags: (message?.flags ?? []).map((f) => ({ ...f, createdAt: f.createdAt.toISOString() })),
  };
}

/** The queue, newest first, by status (open by default) and kind. */
export async function listReviewItems(
  db: Database,
  input: {
    status: ReviewItemStatus;
    kind?: ReviewItemKind | undefined;
    cursor?: string | null | undefined;
    limit: number;
  },
): Promise<{ items: ReviewItemView[]; nextCursor: string | null }> {
  const rows = await db.reviewItem.findMany({
    where: {
      status: input.status,
      ...(input.kind ? { kind: input.kind } : {}),
      NOT: { kind: "account_rate_limited", occurrences: { lt: RATE_LIMITED_VISIBLE_FROM } },
      ...keysetWhere("createdAt", decodeOptionalKeyset(input.cursor), "desc"),
    },
    select: reviewItemSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
  });
  const { page, nextCursor } = cutPage(rows, input.limit, (row) => ({
    at: row.createdAt,
    id: row.id,
  }));
  return { items: page.map(toReviewItemView), nextCursor };
}

/** What each action makes of the item. */
const itemStatusOf: Record<ReviewAction, ReviewItemStatus> = {
  approve: "approved",
  redact: "approved",
  edit: "approved",
  reject: "rejected",
  dismiss: "dismissed",
};

interface MessageChange {
  status: MessageStatus;
  statusReason: string | null;
  body?: string;
}

/** The message's new state for an action, or null when the action leaves it alone. */
function messageChange(
  action: ReviewAction,
  message: { body: string },
  input: { body?: string | undefined; reason?: string | undefined },
): MessageChange | null {
  switch (action) {
    case "approve":
      return { status: "published", statusReason: null };
    case "reject":
      return { status: "rejected", statusReason: input.reason ?? "Removed by a moderator" };
    case "redact": {
      const spans = lexiconSpans(message.body);
      return {
        status: "published",
        statusReason: null,
        body: spans.length > 0 ? redactSpans(message.body, spans) : WITHHELD,
      };
    }
    case "edit":
      if (!input.body) throw new DomainError("INVALID", "Give the new body to edit the message");
      return { status: "published", statusReason: null, body: input.body };
    case "dismiss":
      return null;
  }
}

async function touchCount(tx: Tx, discussionId: string, delta: 1 | -1) {
  const row = await tx.discussion.update({
    where: { id: discussionId },
    data: { messageCount: { increment: delta } },
    select: discussionSummarySelect,
  });
  await appendEvent(tx, discussionId, {
    type: "discussion.updated",
    discussion: toDiscussionSummary(row),
  });
}

/** Applies an action to the item's message: its state, the revision kept, counts and events. */
async function applyToMessage(
  tx: Tx,
  viewer: Viewer,
  messageId: string,
  action: ReviewAction,
  input: { body?: string | undefined; reason?: string | undefined },
) {
  const [current] = await tx.$queryRaw<
    {
      body: string;
      status: MessageStatus;
      status_reason: string | null;
      discussion_id: string;
      deleted_at: Date | null;
    }[]
  >`SELECT body, status, status_reason, discussion_id, deleted_at FROM messages WHERE id = ${messageId}::uuid FOR UPDATE`;
  if (!current) throw notFound("Message");
  const before = {
    status: current.status,
    statusReason: current.status_reason,
    body: current.body,
  };
  const change = messageChange(action, current, input);
  if (!change) return { before, after: before };
  if (current.deleted_at && change.status === "published") {
    throw new DomainError("CONFLICT", "The message was deleted; dismiss the item instead");
  }
  const bodyChanged = change.body !== undefined && change.body !== current.body;
  if (bodyChanged) {
    // The text as it was stays in the history (which only the author and moderators read).
    await tx.messageRevision.create({
      data: { messageId, body: current.body, editedById: viewer.id },
    });
  }
  const row = await tx.message.update({
    where: { id: messageId },
    data: {
      status: change.status,
      statusReason: change.statusReason,
      ...(bodyChanged ? { body: change.body, editedAt: new Date() } : {}),
    },
    select: messageViewSelect,
  });
  const message = toMessageView(row);
  const wasPublished = current.status === "published";
  const nowPublished = message.status === "published";
  await appendEvent(tx, current.discussion_id, {
    type: "message.updated",
    message,
    ...(wasPublished && !nowPublished ? { wasPublished: true } : {}),
  });
  if (wasPublished !== nowPublished)
    await touchCount(tx, current.discussion_id, nowPublished ? 1 : -1);
  // Mentions and replies notify once the message is out (only new mentions after an edit).
  if (nowPublished)
    await notifyForMessage(tx, messageId, wasPublished ? { previousBody: current.body } : {});
  return {
    before,
    after: { status: message.status, statusReason: message.statusReason, body: row.body },
  };
}

/**
 * A moderator's decision on one item, all in one transaction: the item (and every other open
 * item of the same message) closes, the message changes as the action says and its flags are
 * marked resolved, an audit row records before and after, and the outbox carries the change
 * so the message appears or disappears live for others.
 */
export async function resolveReviewItem(
  { db, events }: Deps,
  viewer: Viewer,
  input: {
    id: string;
    action: ReviewAction;
    body?: string | undefined;
    reason?: string | undefined;
  },
): Promise<ReviewItemView> {
  const view = await db.$transaction(async (tx) => {
    const [item] = await tx.$queryRaw<
      {
        id: string;
        status: ReviewItemStatus;
        message_id: string | null;
        subject_id: string | null;
        kind: ReviewItemKind;
      }[]
    >`
      SELECT id, status, message_id, subject_id, kind FROM review_items WHERE id = ${input.id}::uuid FOR UPDATE`;
    if (!item) throw notFound("Review item");
    if (item.status !== "open")
      throw new DomainError("CONFLICT", `This item was already ${item.status}`);
    if (!item.message_id && input.action !== "approve" && input.action !== "dismiss") {
      throw new DomainError(
        "INVALID",
        "Only approve or dismiss apply to an item without a message",
      );
    }
    const effect = item.message_id
      ? await applyToMessage(tx, viewer, item.message_id, input.action, input)
      : null;

    const now = new Date();
    const status = itemStatusOf[input.action];
    const resolution = input.reason ? `${input.action}: ${input.reason}` : input.action;
    // Resolving a message resolves it everywhere in the queue (a held message also flagged).
    const others = item.message_id
      ? await tx.reviewItem.findMany({
          where: { messageId: item.message_id, status: "open", id: { not: item.id } },
          select: { id: true },
        })
      : [];
    for (const id of [item.id, ...others.map((o) => o.id)]) {
      const closed = await tx.reviewItem.update({
        where: { id },
        data: { status, openKey: null, resolvedById: viewer.id, resolvedAt: now, resolution },
        select: reviewEventItemSelect,
      });
      await announceReviewItem(tx, "review.item.resolved", closed);
    }
    if (item.message_id) {
      await tx.flag.updateMany({
        where: { messageId: item.message_id, resolvedAt: null },
        data: { resolvedAt: now },
      });
    }
    await tx.auditLog.create({
      data: {
        actorId: viewer.id,
        action: `review.${input.action}`,
        targetType: item.message_id ? "message" : "user",
        targetId: item.message_id ?? item.subject_id ?? item.id,
        before: {
          reviewItemId: item.id,
          kind: item.kind,
          ...(effect ? { message: effect.before } : {}),
        },
        after: { status, resolution, ...(effect ? { message: effect.after } : {}) },
      },
    });
    return toReviewItemView(
      await tx.reviewItem.findUniqueOrThrow({ where: { id: item.id }, select: reviewItemSelect }),
    );
  });
  events.wake();
  return view;
}
