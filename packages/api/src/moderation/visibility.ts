import { Prisma } from "@parley/db";
import { type Viewer } from "../auth/viewer";
import { type OutboxEvent } from "../events/types";
import { isModerator } from "../policies/access";
import { type MessageView } from "../views/message";

/**
 * Who sees a message: published ones everyone; held and rejected ones only their author and
 * moderators. Every read path (lists, replies, live events, REST streams) asks here.
 */
export function canSeeMessage(
  viewer: Viewer | null,
  message: { authorId: string; status: string },
): boolean {
  return message.status === "published" || isModerator(viewer) || viewer?.id === message.authorId;
}

/** The same rule as a Prisma filter on messages. */
export function visibleMessagesWhere(viewer: Viewer | null): Prisma.MessageWhereInput {
  if (isModerator(viewer)) return {};
  if (!viewer) return { status: "published" };
  return { OR: [{ status: "published" }, { authorId: viewer.id }] };
}

/** The same rule as SQL on `messages m`, for raw queries. */
export function visibleMessagesSql(viewer: Viewer | null): Prisma.Sql {
  if (isModerator(viewer)) return Prisma.sql`TRUE`;
  if (!viewer) return Prisma.sql`m.status = 'published'`;
  return Prisma.sql`(m.status = 'published' OR m.author_id = ${viewer.id}::uuid)`;
}

/** What others get when a message they saw is withdrawn: its place, no content. */
function withdrawn(message: MessageView): MessageView {
  return { ...message, body: "", statusReason: null, attachments: [] };
}

/**
 * One outbox event as this viewer may receive it, or null: the single filter of every live
 * path. Message events of held or rejected messages reach the author and moderators as they
 * are; others get nothing, or a contentless "message.updated" when the message used to be
 * published (so their copy disappears). Review-queue events are for moderators only.
 */
export function eventForViewer(viewer: Viewer | null, event: OutboxEvent): OutboxEvent | null {
  switch (event.type) {
    case "review.item.opened":
    case "review.item.updated":
    case "review.item.resolved":
      return isModerator(viewer) ? event : null;
    case "message.created":
    case "message.updated":
    case "message.deleted": {
      const { message } = event;
      if (canSeeMessage(viewer, { authorId: message.author.id, status: message.status }))
        return event;
      if (!event.wasPublished) return null;
      return { type: "message.updated", message: withdrawn(message), wasPublished: true };
    }
    default:
      return event;
  }
}
