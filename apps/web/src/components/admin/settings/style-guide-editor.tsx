"use client";

import { useState } from "react";
import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { TextAreaField } from "../../ui/field";

const MAX_LENGTH = 2000;

/** The site-wide guide the agent's reply drafts follow; blank falls back to the worker's default. */
export function StyleGuideEditor({ initial }: { initial: string | null }) {
  const [text, setText] = useState(initial ?? "");
  const [saved, setSaved] = useState(initial ?? "");
  const save = api.admin.setStyleGuide.useMutation({
    onSuccess: ({ styleGuide }) => {
      setText(styleGuide ?? "");
      setSaved(styleGuide ?? "");
    },
  });
  const dirty = text.trim() !== saved.trim();

  return (
    <form
      className="space-y-2"
      aria-label="Style guide"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ styleGuide: text.trim() ? text : null });
      }}
    >
      <TextAreaField
        label="Style guide for reply drafts"
        value={text}
        onChange={(event) => setText(event.target.value)}
        maxLength={MAX_LENGTH}
        rows={5}
        placeholder="For example: friendly, concise, no jargon; link to the docs when you can."
        hint={`${text.length}/${MAX_LENGTH}. Leave empty to use the built-in default.`}
      />
      {save.error ? <Alert>{errorMessage(save.error)}</Alert> : null}
      {save.isSuccess && !dirty ? <Alert tone="info">Saved.</Alert> : null}
      <div className="flex justify-end">
        <Button type="submit" size="sm" disabled={!dirty || save.isPending}>
          {save.isPending ? "Saving…" : "Save style guide"}
        </Button>
      </div>
    </form>
  );
}
