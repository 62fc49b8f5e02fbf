"use client";

import { type SubmitEvent, useState } from "react";
import { api } from "~/trpc/react";
import { errorMessage, fieldErrors } from "~/trpc/errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { MarkdownField } from "../markdown/markdown-field";
import { type MessageView } from "./types";
import { useThreadCache } from "./use-thread-cache";

export function EditForm({ message, onDone }: { message: MessageView; onDone: () => void }) {
  const cache = useThreadCache(message.discussionId);
  const [body, setBody] = useState(message.body);
  const edit = api.message.edit.useMutation({
    onSuccess: (updated) => {
      cache.putMessage(updated);
      onDone();
    },
  });

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (body === message.body) return onDone();
    edit.mutate({ id: message.id, body });
  }

  const error = fieldErrors(edit.error).body ?? (edit.error ? errorMessage(edit.error) : undefined);
  return (
    <form onSubmit={onSubmit} className="mt-2 space-y-2">
      <MarkdownField
        label="Edit message"
        hideLabel
        value={body}
        onValueChange={setBody}
        onKeyDown={(event) => {
          if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) event.currentTarget.form?.requestSubmit();
          if (event.key === "Escape") onDone();
        }}
        rows={Math.min(12, Math.max(3, body.split("\n").length + 1))}
        maxLength={20000}
        autoFocus
      />
      {error ? <Alert>{error}</Alert> : null}
      <div className="flex justify-end gap-2">
        <Button variant="ghost" size="sm" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" size="sm" disabled={edit.isPending || !body.trim()}>
          {edit.isPending ? "Saving…" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
