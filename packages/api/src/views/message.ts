import { z } from "zod";
import { type Prisma } from "@parley/db";
import { attachmentViewSchema, messageAttachmentsSelect, toAttachmentView } from "../services/attachments-view";
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
  _count: { select: { revisions: true } },
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
    revisionCount: row._count.revisions,
    status: row.status,
    statusReason: row.statusReason,
    attachments: row.deletedAt ? [] : row.attachments.map(toAttachmentView),
  };
}
