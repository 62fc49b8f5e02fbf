import { z } from "zod";
import { Prisma } from "@parley/db";
import {
  attachmentViewSchema,
  messageAttachmentsSelect,
  toAttachmentView,
} from "../services/attachments-view";
import { userRefSchema, userRefSelect } from "./user";

export const messageViewSchema = z.object({
  id: z.uuid(),
  discussionId: z.uuid(),
  parentId: z.uuid().nullable(),
  author: userRefSchema,
  /** Empty once deleted: the row stays so replies keep their place in the thread. */
  body: z.string(),
  createdAt: z.iso.datetime(),
  editedAt: z.iso.datetime().nullable(),
  deletedAt: z.iso.datetime().nullable(),
  revisionCount: z.number().int(),
  /** published for everyone; held and rejected ones reach only their author and moderators. */
  status: z.enum(["published", "held", "rejected"]),
  /** Why the message is held or rejected (for its author and moderators). */
  statusReason: z.string().nullable(),
  /** Files on the message (none once it is deleted). */
  attachments: z.array(attachmentViewSchema),
});
export type MessageView = z.infer<typeof messageViewSchema>;

export const messageViewSelect = {
  id: true,
  discussionId: true,
  parentId: true,
  body: true,
  createdAt: true,
  editedAt: true,
  deletedAt: true,
  status: true,
  statusReason: true,
  author: { select: userRefSelect },
  revisionCount: true,
  attachments: messageAttachmentsSelect,
} as const satisfies Prisma.MessageSelect;

type MessageRow = Prisma.MessageGetPayload<{ select: typeof messageViewSelect }>;

export function toMessageView(row: MessageRow): MessageView {
  return {
    id: row.id,
    discussionId: row.discussionId,
    parentId: row.parentId,
    author: row.author,
    body: row.deletedAt ? "" : row.body,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    revisionCount: row.revisionCount,
    status: row.status,
    statusReason: row.statusReason,
    attachments: row.deletedAt ? [] : row.attachments.map(toAttachmentView),
  };
}

/**
 * The same view read with one SQL statement, for the thread page (its keyset condition must be
 * a row comparison, which Prisma cannot write). Columns match `messageViewSelect`; the rows go
 * through `toMessageView` like Prisma's, so there is one mapping.
 */
export const messageViewColumns = Prisma.sql`
  m.id, m.discussion_id, m.parent_id, m.body, m.created_at, m.edited_at, m.deleted_at,
  m.status::text AS status, m.status_reason, m.revision_count,
  json_build_object('id', u.id, 'handle', u.handle, 'displayName', u.display_name) AS author,
  COALESCE((
    SELECT json_agg(json_build_object('id', a.id, 'filename', a.filename, 'contentType', a.content_type,
      'size', a.size, 'width', a.width, 'height', a.height, 'previewKey', a.preview_key) ORDER BY a.created_at, a.id)
    FROM attachments a WHERE a.message_id = m.id), '[]'::json) AS attachments`;

const messageSqlRowSchema = z.object({
  id: z.string(),
  discussion_id: z.string(),
  parent_id: z.string().nullable(),
  body: z.string(),
  created_at: z.date(),
  edited_at: z.date().nullable(),
  deleted_at: z.date().nullable(),
  status: z.enum(["published", "held", "rejected"]),
  status_reason: z.string().nullable(),
  revision_count: z.number().int(),
  author: userRefSchema,
  attachments: z.array(
    z.object({
      id: z.string(),
      filename: z.string(),
      contentType: z.string(),
      size: z.number().int(),
      width: z.number().int().nullable(),
      height: z.number().int().nullable(),
      previewKey: z.string().nullable(),
    }),
  ),
});

/** Parses rows selected with `messageViewColumns` into views. */
export function toMessageViews(rows: unknown[]): MessageView[] {
  return rows.map((raw) => {
    const row = messageSqlRowSchema.parse(raw);
    return toMessageView({
      id: row.id,
      discussionId: row.discussion_id,
      parentId: row.parent_id,
      body: row.body,
      createdAt: row.created_at,
      editedAt: row.edited_at,
      deletedAt: row.deleted_at,
      status: row.status,
      statusReason: row.status_reason,
      revisionCount: row.revision_count,
      author: row.author,
      attachments: row.attachments,
    });
  });
}
