"use client";

import { useId, useRef } from "react";
import { cn } from "../ui/cn";
import { FileIcon, PaperclipIcon } from "./icons";
import { ACCEPT, formatBytes, MAX_FILES_PER_MESSAGE } from "./limits";
import { type PendingUpload, type Uploads } from "./use-uploads";

/** The composer's file row: a picker, each file with its progress or error, and a remove button. */
export function ComposerAttachments({ uploads }: { uploads: Uploads }) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="space-y-2" data-testid="composer-attachments">
      {uploads.dragging ? (
        <p className="rounded-lg border-2 border-dashed border-indigo-300 bg-indigo-50 px-3 py-2 text-center text-sm text-indigo-800">
          Drop files to attach them
        </p>
      ) : null}
      {uploads.uploads.length > 0 ? (
        <ul className="flex flex-wrap gap-2" aria-label="Attached files">
          {uploads.uploads.map((upload) => (
            <UploadChip key={upload.key} upload={upload} onRemove={() => uploads.remove(upload.key)} />
          ))}
        </ul>
      ) : null}
      <div>
        <input
          ref={input}
          id={inputId}
          type="file"
          multiple
          accept={ACCEPT}
          className="sr-only"
          data-testid="attachment-input"
          onChange={(event) => {
            if (event.target.files) uploads.add(event.target.files);
            event.target.value = "";
          }}
        />
        <label
          htmlFor={inputId}
          className="inline-flex cursor-pointer items-center gap-1 rounded-md px-2 py-1 text-xs font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900"
          title={`Up to ${MAX_FILES_PER_MESSAGE} files; you can also paste or drop them`}
        >
          <PaperclipIcon className="h-4 w-4" /> Attach files
        </label>
      </div>
    </div>
  );
}

function UploadChip({ upload, onRemove }: { upload: PendingUpload; onRemove: () => void }) {
  const failed = upload.state === "failed";
  return (
    <li
      className={cn(
        "relative flex w-56 items-center gap-2 overflow-hidden rounded-lg border bg-white p-2 text-xs",
        failed ? "border-red-300 bg-red-50" : "border-zinc-200",
      )}
      data-testid="upload-chip"
      data-state={upload.state}
    >
      {upload.localPreview && !failed ? (
        // A local object URL of the picked file, shown only to its uploader.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={upload.localPreview} alt="" className="h-10 w-10 shrink-0 rounded object-cover" />
      ) : (
        <span className="grid h-10 w-10 shrink-0 place-items-center rounded bg-zinc-100 text-zinc-500">
          <FileIcon className="h-5 w-5" />
        </span>
      )}
      <div className="min-w-0 flex-1">
        <p className="truncate font-medium text-zinc-800" title={upload.name}>
          {upload.name}
        </p>
        {upload.state === "failed" ? (
          <p role="alert" className="text-red-700">
            {upload.error}
          </p>
        ) : upload.state === "uploading" ? (
          <div className="mt-1">
            <progress className="sr-only" value={upload.progress} max={1} aria-label={`Uploading ${upload.name}`} />
            <div className="h-1.5 w-full rounded bg-zinc-200" aria-hidden="true">
              <div className="h-1.5 rounded bg-indigo-500 transition-[width]" style={{ width: `${Math.round(upload.progress * 100)}%` }} />
            </div>
          </div>
        ) : (
          <p className="text-zinc-500">{formatBytes(upload.size)}</p>
        )}
      </div>
      <button
        type="button"
        onClick={onRemove}
        className="shrink-0 rounded px-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900"
        aria-label={`Remove ${upload.name}`}
      >
        ×
      </button>
    </li>
  );
}
