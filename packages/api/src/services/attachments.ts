import { createHash } from "node:crypto";
import sharp from "sharp";
import { type Database, type Prisma, uuid7 } from "@parley/db";
import { type ObjectStorage } from "@parley/storage";
import { type Viewer } from "../auth/viewer";
import { DomainError } from "../errors";
import { canSeeMessage } from "../moderation/visibility";
import { canReadDiscussion } from "../policies/access";
import { ATTACHMENT_LIMITS, detectType, INLINE_IMAGE_TYPES, safeFilename } from "./attachments-policy";
import { attachmentViewSelect, messageAttachmentsSelect, toAttachmentView, type AttachmentView } from "./attachments-view";

type Tx = Prisma.TransactionClient;

/** An upload we will not keep, with the HTTP status that says why (413 too large, 415 type). */
export class UploadRefusal extends Error {
  override name = "UploadRefusal";
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

interface ImageFacts {
  width: number;
  height: number;
  preview: Buffer;
}

/** Size after EXIF orientation, and a WebP preview that fits in previewMaxSide (never enlarged). */
async function imageFacts(bytes: Uint8Array): Promise<ImageFacts> {
  const options = { limitInputPixels: ATTACHMENT_LIMITS.maxImagePixels, failOn: "error" } as const;
  try {
    const meta = await sharp(bytes, options).metadata();
    const side = ATTACHMENT_LIMITS.previewMaxSide;
    const preview = await sharp(bytes, options)
      .autoOrient()
      .resize({ width: side, height: side, fit: "inside", withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    return { width: meta.autoOrient.width, height: meta.autoOrient.height, preview };
  } catch (error) {
    const tooLarge = error instanceof Error && /pixel limit/i.test(error.message);
    throw new UploadRefusal(415, tooLarge ? "This image has too many pixels" : "This image could not be read", { cause: error });
  }
}

/**
 * Keeps one upload: type from the content (allow-list), a preview for raster images, the
 * bytes in storage, then the row. The attachment belongs to the uploader and is on no message
 * until message.create or message.edit names it; unattached ones are pruned after a day.
 */
export async function storeUpload(
  deps: { db: Database; storage: ObjectStorage },
  viewer: Viewer,
  input: { filename: string | null; bytes: Uint8Array },
): Promise<AttachmentView> {
  if (input.bytes.byteLength > ATTACHMENT_LIMITS.maxBytes) throw tooLarge();
  const detected = await detectType(input.bytes);
  if (!detected.ok) throw new UploadRefusal(415, detected.reason);
  const image = INLINE_IMAGE_TYPES.has(detected.contentType) ? await imageFacts(input.bytes) : null;

  const id = uuid7(Date.now());
  const storageKey = `attachments/${id}`;
  const previewKey = image ? `previews/${id}.webp` : null;
  await deps.storage.put(storageKey, input.bytes, { contentType: detected.contentType });
  try {
    if (image && previewKey) await deps.storage.put(previewKey, image.preview, { contentType: "image/webp" });
    const row = await deps.db.attachment.create({
      data: {
        id,
        uploaderId: viewer.id,
        filename: safeFilename(input.filename, detected),
        contentType: detected.contentType,
        size: input.bytes.byteLength,
        sha256: createHash("sha256").update(input.bytes).digest("hex"),
        storageKey,
        previewKey,
        width: image?.width ?? null,
        height: image?.height ?? null,
      },
      select: attachmentViewSelect,
    });
    return toAttachmentView(row);
  } catch (error) {
    await Promise.allSettled([deps.storage.delete(storageKey), previewKey ? deps.storage.delete(previewKey) : null]);
    throw error;
  }
}

export const tooLarge = () =>
  new UploadRefusal(413, `Files can be at most ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MB`);

const notUsable = () =>
  new DomainError("INVALID", "An attachment was not found, is not your upload, or is already on another message");

/**
 * Puts the caller's own unattached uploads on a message. With `replace` (an edit), the
 * message ends up with exactly `ids`: files left out go back to unattached (and are pruned).
 */
export async function attachUploads(
  tx: Tx,
  viewerId: string,
  messageId: string,
  ids: readonly string[] | undefined,
  mode: "add" | "replace",
): Promise<void> {
  if (ids === undefined) return;
  const wanted = [...new Set(ids)];
  if (wanted.length > ATTACHMENT_LIMITS.maxPerMessage) {
    throw new DomainError("INVALID", `A message can carry at most ${ATTACHMENT_LIMITS.maxPerMessage} files`);
  }
  let fresh = wanted;
  if (mode === "replace") {
    const current = await tx.attachment.findMany({ where: { messageId }, select: { id: true } });
    const currentIds = new Set(current.map((a) => a.id));
    fresh = wanted.filter((id) => !currentIds.has(id));
    const dropped = [...currentIds].filter((id) => !wanted.includes(id));
    if (dropped.length) await tx.attachment.updateMany({ where: { id: { in: dropped }, messageId }, data: { messageId: null } });
  }
  if (fresh.length === 0) return;
  // The messageId: null condition is re-checked under the row lock, so two messages never share a file.
  const { count } = await tx.attachment.updateMany({
    where: { id: { in: fresh }, uploaderId: viewerId, messageId: null },
    data: { messageId },
  });
  if (count !== fresh.length) throw notUsable();
}

/**
 * The views of uploads a new message is about to carry, checked as attachUploads will check
 * them again under the row lock: the caller's own, not yet on a message, at most the limit.
 */
export async function uploadsToAttach(tx: Tx, viewerId: string, ids: readonly string[]) {
  const wanted = [...new Set(ids)];
  if (wanted.length > ATTACHMENT_LIMITS.maxPerMessage) {
    throw new DomainError("INVALID", `A message can carry at most ${ATTACHMENT_LIMITS.maxPerMessage} files`);
  }
  const rows = await tx.attachment.findMany({
    where: { id: { in: wanted }, uploaderId: viewerId, messageId: null },
    ...messageAttachmentsSelect,
  });
  if (rows.length !== wanted.length) throw notUsable();
  return rows;
}

const downloadSelect = {
  id: true,
  filename: true,
  contentType: true,
  size: true,
  sha256: true,
  storageKey: true,
  previewKey: true,
  uploaderId: true,
  message: { select: { authorId: true, status: true, deletedAt: true, discussionId: true } },
} as const satisfies Prisma.AttachmentSelect;
export type DownloadableAttachment = Prisma.AttachmentGetPayload<{ select: typeof downloadSelect }>;

/**
 * The attachment if this viewer may download it, else null (answered as 404, so ids of
 * hidden files are not confirmed): readable like its message (deleted or not visible: no);
 * an unattached upload only by its uploader.
 */
export async function findDownloadable(db: Database, viewer: Viewer | null, id: string): Promise<DownloadableAttachment | null> {
  const row = await db.attachment.findUnique({ where: { id }, select: downloadSelect });
  if (!row) return null;
  const { message } = row;
  if (!message) return viewer?.id === row.uploaderId ? row : null;
  if (message.deletedAt) return null;
  if (!canSeeMessage(viewer, message)) return null;
  if (!canReadDiscussion(viewer, { id: message.discussionId })) return null;
  return row;
}

/**
 * After a message row is written: puts `ids` on it (see attachUploads) and returns the row
 * with its files re-read. The one call services/messages.ts makes for attachments.
 */
export async function withUploads<R extends { id: string; attachments: unknown[] }>(
  tx: Tx,
  viewerId: string,
  row: R,
  ids: readonly string[] | undefined,
  mode: "add" | "replace",
): Promise<R> {
  if (ids === undefined) return row;
  await attachUploads(tx, viewerId, row.id, ids, mode);
  const attachments = await tx.attachment.findMany({ where: { messageId: row.id }, ...messageAttachmentsSelect });
  return { ...row, attachments };
}
