import { z } from "zod";
import { type Prisma } from "@parley/db";

/** Where the web app serves a file and its preview (apps/web/src/app/api/attachments). */
export const attachmentUrl = (id: string) => `/api/attachments/${id}`;
export const attachmentPreviewUrl = (id: string) => `/api/attachments/${id}/preview`;

export const attachmentViewSchema = z
  .object({
    id: z.uuid(),
    filename: z.string(),
    /** Decided from the file's content when it was uploaded. */
    contentType: z.string(),
    size: z.number().int().meta({ description: "Bytes" }),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    /** A resized image (WebP) for raster images; null for other files. */
    previewUrl: z.string().nullable(),
    url: z.string(),
  })
  .meta({ id: "Attachment" });
export type AttachmentView = z.infer<typeof attachmentViewSchema>;

export const attachmentViewSelect = {
  id: true,
  filename: true,
  contentType: true,
  size: true,
  width: true,
  height: true,
  previewKey: true,
} as const satisfies Prisma.AttachmentSelect;

type AttachmentRow = Prisma.AttachmentGetPayload<{ select: typeof attachmentViewSelect }>;

export function toAttachmentView(row: AttachmentRow): AttachmentView {
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.contentType,
    size: row.size,
    width: row.width,
    height: row.height,
    previewUrl: row.previewKey ? attachmentPreviewUrl(row.id) : null,
    url: attachmentUrl(row.id),
  };
}

/** For a message's select: its files, oldest first. */
export const messageAttachmentsSelect = {
  select: attachmentViewSelect,
  orderBy: [{ createdAt: "asc" }, { id: "asc" }],
} as const satisfies Prisma.Message$attachmentsArgs;
