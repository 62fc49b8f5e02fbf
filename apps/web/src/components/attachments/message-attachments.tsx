import { FileIcon } from "./icons";
import { formatBytes } from "./limits";

interface AttachmentView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  width: number | null;
  height: number | null;
  previewUrl: string | null;
  url: string;
}

const TYPE_LABELS: Record<string, string> = {
  "application/pdf": "PDF",
  "application/zip": "ZIP archive",
  "text/plain": "Text",
};

/** A message's files: images inline (the preview; click for the full file), others as download cards. */
export function MessageAttachments({ attachments }: { attachments: readonly AttachmentView[] }) {
  if (attachments.length === 0) return null;
  const images = attachments.filter((a) => a.previewUrl);
  const files = attachments.filter((a) => !a.previewUrl);
  return (
    <div className="mt-2 space-y-2" data-testid="message-attachments">
      {images.length > 0 ? (
        <ul className="flex flex-wrap gap-2" aria-label="Images">
          {images.map((image) => (
            <li key={image.id}>
              <a href={image.url} target="_blank" rel="noopener" className="block overflow-hidden rounded-lg border border-zinc-200 hover:border-zinc-400">
                {/* Served by our own route with auth; next/image would proxy and cache it publicly. */}
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img
                  src={image.previewUrl ?? image.url}
                  alt={image.filename}
                  width={image.width ?? undefined}
                  height={image.height ?? undefined}
                  loading="lazy"
                  className="block h-auto max-h-72 w-auto max-w-full object-contain"
                  data-testid="attachment-image"
                />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {files.length > 0 ? (
        <ul className="flex flex-wrap gap-2" aria-label="Files">
          {files.map((file) => (
            <li key={file.id}>
              <a
                href={file.url}
                download={file.filename}
                className="flex w-64 items-center gap-3 rounded-lg border border-zinc-200 bg-zinc-50 p-2.5 text-sm hover:border-zinc-400 hover:bg-white"
                data-testid="attachment-card"
              >
                <span className="grid h-9 w-9 shrink-0 place-items-center rounded bg-white text-zinc-500 shadow-sm">
                  <FileIcon className="h-5 w-5" />
                </span>
                <span className="min-w-0">
                  <span className="block truncate font-medium text-zinc-800">{file.filename}</span>
                  <span className="block text-xs text-zinc-500">
                    {TYPE_LABELS[file.contentType] ?? file.contentType} · {formatBytes(file.size)}
                  </span>
                </span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
