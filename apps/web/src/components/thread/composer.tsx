"use client";

import { type SubmitEvent, useState } from "react";
import { api } from "~/trpc/react";
import { errorMessage, fieldErrors } from "~/trpc/errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { MarkdownField } from "../markdown/markdown-field";
import { ComposerAttachments } from "../attachments/composer-attachments";
import { useUploads } from "../attachments/use-uploads";
import { type MessageView } from "./types";
import { useThreadCache } from "./use-thread-cache";

/** Writes a message: a reply to the discussion (no parent) or, inline, to one message. */
export function Composer({
  discussionId,
  parent,
  onPosted,
  onCancel,
  initialBody = "",
}: {
  discussionId: string;
  parent?: MessageView;
  /** Text to start from (an assistant draft); the composer is remounted to take a new one. */
  initialBody?: string;
  onPosted?: (message: MessageView) => void;
  onCancel?: () => void;
}) {
  const cache = useThreadCache(discussionId);
  const [body, setBody] = useState(initialBody);
  const uploads = useUploads();
  const create = api.message.create.useMutation({
    onSuccess: (message) => {
      cache.putMessage(message);
      setBody("");
      uploads.reset();
      onPosted?.(message);
    },
  });

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!body.trim() || create.isPending || uploads.busy) return;
    create.mutate({ discussionId, body, ...(parent ? { parentId: parent.id } : {}), ...(uploads.ids.length ? { attachmentIds: uploads.ids } : {}) });
  }

  const error = fieldErrors(create.error).body ?? (create.error ? errorMessage(create.error) : undefined);
  const label = parent ? `Reply to ${parent.author.displayName}` : "Write a reply";

  return (
    <form onSubmit={onSubmit} className="space-y-2" aria-label={label} {...uploads.dropProps}>
      <MarkdownField
        label={label}
        hideLabel={!parent}
        value={body}
        onValueChange={setBody}
        onKeyDown={(event) => {
          if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) event.currentTarget.form?.requestSubmit();
          if (event.key === "Escape" && onCancel) onCancel();
        }}
        placeholder={parent ? "Write your reply…" : "Add to the discussion…"}
        rows={parent ? 3 : 4}
        maxLength={20000}
        autoFocus={Boolean(parent) || initialBody !== ""}
      />
      <ComposerAttachments uploads={uploads} />
      {error ? <Alert>{error}</Alert> : null}
      <div className="flex items-center justify-between gap-2">
        <p className="hidden text-xs text-zinc-500 sm:block">
          <kbd className="rounded border border-zinc-300 bg-zinc-50 px-1 font-sans">Ctrl</kbd> +{" "}
          <kbd className="rounded border border-zinc-300 bg-zinc-50 px-1 font-sans">Enter</kbd> to send
        </p>
        <div className="ml-auto flex gap-2">
          {onCancel ? (
            <Button variant="ghost" size="sm" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" size={parent ? "sm" : "md"} disabled={create.isPending || uploads.busy || !body.trim()}>
            {create.isPending ? "Posting…" : parent ? "Post reply" : "Post"}
          </Button>
        </div>
      </div>
    </form>
  );
}
