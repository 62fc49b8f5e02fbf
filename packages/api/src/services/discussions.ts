import { type ToxicityChecker } from "@parley/agent/moderation";
import { type Database, type DiscussionStatus, type Prisma } from "@parley/db";
import { type Viewer } from "../auth/viewer";
import { DomainError, forbidden, notFound } from "../errors";
import { type EventBus } from "../events/bus";
import { appendEvent } from "../events/outbox";
import { recordScreening } from "../moderation/record";
import { screenText } from "../moderation/screen";
import { canEditDiscussion, canReadDiscussion, isModerator } from "../policies/access";
import {
  discussionSummarySelect,
  toDiscussionSummary,
  type DiscussionSummary,
} from "../views/discussion";
import { messageViewSelect, toMessageView } from "../views/message";
import { cutPage, decodeOptionalKeyset, keysetWhere } from "../paging/keyset";
import { notifyForMessage } from "./notifications";

export interface Deps {
  db: Database;
  events: Pick<EventBus, "wake">;
  /** The posting hook's classifier; unset, the one the environment configures. */
  toxicity?: ToxicityChecker;
}

export async function listDiscussions(
  db: Database,
  input: {
    status?: DiscussionStatus | undefined;
    labelId?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ items: DiscussionSummary[]; nextCursor: string | null }> {
  const where: Prisma.DiscussionWhereInput = {
    ...(input.status ? { status: input.status } : {}),
    ...(input.labelId ? { labels: { some: { labelId: input.labelId } } } : {}),
    ...keysetWhere("lastActivityAt", decodeOptionalKeyset(input.cursor), "desc"),
  };
  const rows = await db.discussion.findMany({
    where,
    select: discussionSummarySelect,
    orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
  });
  const { page, nextCursor } = cutPage(rows, input.limit, (row) => ({
    at: row.lastActivityAt,
    id: row.id,
  }));
  return { items: page.map(toDiscussionSummary), nextCursor };
}

/** That the discussion exists and the viewer may read it (one primary-key read), for live streams. */
export async function assertReadableDiscussion(db: Database, viewer: Viewer | null, id: string): Promise<void> {
  const row = await db.discussion.findUnique({ where: { id }, select: { id: true } });
  if (!row) throw notFound("Discussion");
  if (!canReadDiscussion(viewer, row)) throw forbidden("You cannot read this discussion");
}

export async function getDiscussion(db: Database, id: string): Promise<DiscussionSummary> {
  const row = await db.discussion.findUnique({ where: { id }, select: discussionSummarySelect });
  if (!row) throw notFound("Discussion");
  return toDiscussionSummary(row);
}

export async function createDiscussion(
  deps: Deps,
  viewer: Viewer,
  input: { title: string; body: string },
): Promise<DiscussionSummary> {
  const { db, events } = deps;
  // The first message passes the posting hook like any other, before the transaction.
  const screening = await screenText(deps, input.body);
  const summary = await db.$transaction(async (tx) => {
    const discussion = await tx.discussion.create({
      data: {
        title: input.title,
        createdById: viewer.id,
        messageCount: screening.status === "published" ? 1 : 0,
        messages: {
          create: {
            authorId: viewer.id,
            body: screening.body,
            status: screening.status,
            statusReason: screening.statusReason,
          },
        },
      },
      select: { ...discussionSummarySelect, messages: { select: messageViewSelect } },
    });
    const { messages, ...row } = discussion;
    const view = toDiscussionSummary(row);
    await appendEvent(tx, view.id, { type: "discussion.created", discussion: view });
    for (const message of messages) {
      await recordScreening(tx, { id: message.id, authorId: viewer.id }, screening);
      await appendEvent(tx, view.id, { type: "message.created", message: toMessageView(message) });
      await notifyForMessage(tx, message.id);
    }
    return view;
  });
  events.wake();
  return summary;
}

export async function updateDiscussion(
  { db, events }: Deps,
  viewer: Viewer,
  input: { id: string; title?: string | undefined; status?: DiscussionStatus | undefined },
): Promise<DiscussionSummary> {
  const summary = await db.$transaction(async (tx) => {
    const current = await tx.discussion.findUnique({
      where: { id: input.id },
      select: { id: true, title: true, status: true, createdById: true },
    });
    if (!current) throw notFound("Discussion");
    if (!canEditDiscussion(viewer, current))
      throw forbidden("Only the author or a moderator can change this discussion");
    if (input.title === undefined && input.status === undefined) {
      throw new DomainError("INVALID", "Nothing to change: give a title or a status");
    }
    const row = await tx.discussion.update({
      where: { id: input.id },
      data: {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.status ? { status: input.status } : {}),
      },
      select: discussionSummarySelect,
    });
    const view = toDiscussionSummary(row);
    await appendEvent(tx, view.id, { type: "discussion.updated", discussion: view });
    // A moderator's change is audited even on their own discussion.
    if (current.createdById !== viewer.id || isModerator(viewer)) {
      await tx.auditLog.create({
        data: {
          actorId: viewer.id,
          action: "discussion.updated",
          targetType: "discussion",
          targetId: view.id,
          before: { title: current.title, status: current.status },
          after: { title: view.title, status: view.status },
        },
      });
    }
    return view;
  });
  events.wake();
  return summary;
}
