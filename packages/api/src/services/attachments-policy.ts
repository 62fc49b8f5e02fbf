import { z } from "zod";
import { fileTypeFromBuffer } from "file-type";

/** Limits of uploads; one place so the API, the UI's messages and the tests agree. */
export const ATTACHMENT_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  maxPerMessage: 10,
  maxFilenameLength: 200,
  /** Images larger than this many pixels are refused before decoding (decompression bombs). */
  maxImagePixels: 50_000_000,
  previewMaxSide: 800,
} as const;

/** What may be uploaded, by the type found in the content; the extension is only ever a default name. */
export const ALLOWED_TYPES = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
  "application/pdf": "pdf",
  "application/zip": "zip",
  "text/plain": "txt",
} as const;
export type AllowedType = keyof typeof ALLOWED_TYPES;

/** Raster images are shown inline (with a preview); everything else is only ever a download. */
export const INLINE_IMAGE_TYPES: ReadonlySet<string> = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

export type Detection = { ok: true; contentType: AllowedType; extension: string } | { ok: false; reason: string };

// WHATWG MIME sniffing treats text starting (after whitespace) with these as HTML or XML;
// we refuse such "text" outright instead of relying on every client honouring nosniff.
const MARKUP_START =
  /^[\s\uFEFF]*<(!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--|\?xml|svg|object|embed|img|meta|link|form)[\s>/]/i;

function asPlainText(bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    // Control characters other than tab, newlines and form feed mean a binary format we do not know.
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text)) return null;
    return text;
  } catch {
    return null;
  }
}

/** Decides the type from the bytes alone: never the file name, never the client's Content-Type. */
export async function detectType(bytes: Uint8Array): Promise<Detection> {
  if (bytes.byteLength === 0) return { ok: false, reason: "The file is empty" };
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    if (found.mime in ALLOWED_TYPES) {
      const contentType = found.mime as AllowedType;
      return { ok: true, contentType, extension: ALLOWED_TYPES[contentType] };
    }
    return { ok: false, reason: `Files of type ${found.mime} are not accepted` };
  }
  const text = asPlainText(bytes);
  if (text === null) return { ok: false, reason: "This type of file is not accepted" };
  if (MARKUP_START.test(text.slice(0, 1024))) {
    return { ok: false, reason: "HTML, SVG and XML files are not accepted" };
  }
  return { ok: true, contentType: "text/plain", extension: "txt" };
}

/**
 * A name that is safe to show and to put in Content-Disposition: no folders, no control
 * characters, bounded length, and ending in the extension of the type found in the content
 * (so "photo.html" holding a PNG downloads as "photo.html.png").
 */
export function safeFilename(raw: string | null | undefined, detected: { extension: string }): string {
  const base = ((raw ?? "").split(/[\\/]/).at(-1) ?? "")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001F\u007F"]/g, "")
    .trim()
    .replace(/^\.+/, "");
  const stem = base.slice(0, ATTACHMENT_LIMITS.maxFilenameLength) || "file";
  const ext = detected.extension;
  const matches = ext === "jpg" ? /\.(jpe?g)$/i.test(stem) : stem.toLowerCase().endsWith(`.${ext}`);
  return matches ? stem : `${stem}.${ext}`;
}

/** message.create / message.edit: uploads to put on the message (on edit: the full set it keeps). */
export const attachmentIdsSchema = z
  .array(z.uuid())
  .max(ATTACHMENT_LIMITS.maxPerMessage, `A message can carry at most ${ATTACHMENT_LIMITS.maxPerMessage} files`)
  .optional()
  .meta({ description: "Ids of your own uploads (POST /attachments) not yet on a message; on edit, the files the message keeps" });
