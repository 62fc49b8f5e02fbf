"use client";

import { type ClipboardEvent, type DragEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { formatBytes, MAX_FILE_BYTES, MAX_FILES_PER_MESSAGE } from "./limits";
import { type UploadedAttachment, uploadFile } from "./upload-file";

export type PendingUpload =
  | { key: string; name: string; size: number; state: "uploading"; progress: number; localPreview: string | null }
  | { key: string; name: string; size: number; state: "done"; attachment: UploadedAttachment; localPreview: string | null }
  | { key: string; name: string; size: number; state: "failed"; error: string; localPreview: string | null };

let counter = 0;
const nextKey = () => `upload-${++counter}`;

/**
 * The composer's files: each one uploads as soon as it is added (with progress), can be
 * removed before sending, and reports a refusal (too large, type not accepted) on its own row.
 */
export function useUploads() {
  const [uploads, setUploads] = useState<PendingUpload[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const [dragging, setDragging] = useState(false);

  const update = useCallback((key: string, next: (u: PendingUpload) => PendingUpload) => {
    setUploads((list) => list.map((u) => (u.key === key ? next(u) : u)));
  }, []);

  // The list as last rendered, to count room without side effects inside a state updater.
  const current = useRef(uploads);
  useEffect(() => {
    current.current = uploads;
  }, [uploads]);

  const add = useCallback(
    (files: Iterable<File>) => {
      const incoming = [...files];
      if (incoming.length === 0) return;
      let room = MAX_FILES_PER_MESSAGE - current.current.filter((u) => u.state !== "failed").length;
      const added = incoming.map((file): PendingUpload => {
        const key = nextKey();
        const localPreview = file.type.startsWith("image/") && file.type !== "image/svg+xml" ? URL.createObjectURL(file) : null;
        const base = { key, name: file.name || "pasted file", size: file.size, localPreview };
        if (room <= 0) return { ...base, state: "failed", error: `At most ${MAX_FILES_PER_MESSAGE} files per message` };
        if (file.size > MAX_FILE_BYTES) {
          return { ...base, state: "failed", error: `Too large (${formatBytes(file.size)}); the limit is ${formatBytes(MAX_FILE_BYTES)}` };
        }
        room -= 1;
        const controller = new AbortController();
        controllers.current.set(key, controller);
        uploadFile(file, (progress) => update(key, (u) => (u.state === "uploading" ? { ...u, progress } : u)), controller.signal).then(
          (attachment) => update(key, (u) => ({ ...u, state: "done", attachment })),
          (error: unknown) => {
            if (error instanceof DOMException && error.name === "AbortError") return;
            update(key, (u) => ({ ...u, state: "failed", error: error instanceof Error ? error.message : "Upload failed" }));
          },
        );
        return { ...base, state: "uploading", progress: 0 };
      });
      current.current = [...current.current, ...added];
      setUploads((list) => [...list, ...added]);
    },
    [update],
  );

  const remove = useCallback((key: string) => {
    controllers.current.get(key)?.abort();
    controllers.current.delete(key);
    setUploads((list) => {
      const gone = list.find((u) => u.key === key);
      if (gone?.localPreview) URL.revokeObjectURL(gone.localPreview);
      return list.filter((u) => u.key !== key);
    });
  }, []);

  const reset = useCallback(() => {
    setUploads((list) => {
      for (const u of list) if (u.localPreview) URL.revokeObjectURL(u.localPreview);
      return [];
    });
    controllers.current.clear();
  }, []);

  useEffect(() => {
    const live = controllers.current;
    return () => {
      for (const controller of live.values()) controller.abort();
    };
  }, []);

  /** Spread on the composer's form: files dropped on it or pasted into it are added. */
  const dropProps = useMemo(
    () => ({
      onPaste(event: ClipboardEvent<HTMLElement>) {
        const files = [...event.clipboardData.files];
        if (files.length === 0) return;
        event.preventDefault();
        add(files);
      },
      onDragOver(event: DragEvent<HTMLElement>) {
        if (!event.dataTransfer.types.includes("Files")) return;
        event.preventDefault();
        setDragging(true);
      },
      onDragLeave() {
        setDragging(false);
      },
      onDrop(event: DragEvent<HTMLElement>) {
        if (event.dataTransfer.files.length === 0) return;
        event.preventDefault();
        setDragging(false);
        add(event.dataTransfer.files);
      },
      "data-dragging": dragging ? "true" : undefined,
    }),
    [add, dragging],
  );

  const ids = uploads.flatMap((u) => (u.state === "done" ? [u.attachment.id] : []));
  const busy = uploads.some((u) => u.state === "uploading");
  return { uploads, add, remove, reset, ids, busy, dragging, dropProps };
}

export type Uploads = ReturnType<typeof useUploads>;
