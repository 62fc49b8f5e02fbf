"use client";

import { useRouter } from "next/navigation";
import { type SubmitEvent } from "react";
import { api } from "~/trpc/react";
import { errorMessage, fieldErrors } from "~/trpc/errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { ButtonLink } from "../ui/button-link";
import { TextAreaField, TextField } from "../ui/field";
import { formText } from "../ui/form-data";

export function NewDiscussionForm() {
  const router = useRouter();
  const utils = api.useUtils();
  const create = api.discussion.create.useMutation({
    onSuccess: (discussion) => {
      utils.discussion.get.setData({ id: discussion.id }, discussion);
      void utils.discussion.list.invalidate();
      router.push(`/discussions/${discussion.id}`);
    },
  });

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({ title: formText(form, "title"), body: formText(form, "body") });
  }

  const fields = fieldErrors(create.error);
  const hasFieldErrors = Object.values(fields).some(Boolean);
  const busy = create.isPending || create.isSuccess;

  return (
    <form onSubmit={onSubmit} className="space-y-5 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm sm:p-6">
      {create.error && !hasFieldErrors ? <Alert>{errorMessage(create.error)}</Alert> : null}
      <TextField label="Title" name="title" required minLength={3} maxLength={200} autoFocus placeholder="What would you like to discuss?" error={fields.title} />
      <TextAreaField
        label="Message"
        name="body"
        required
        maxLength={20000}
        rows={8}
        placeholder="Give people the context they need to join in."
        error={fields.body}
        onKeyDown={(event) => {
          if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) event.currentTarget.form?.requestSubmit();
        }}
      />
      <div className="flex items-center justify-end gap-2">
        <ButtonLink href="/" variant="ghost">
          Cancel
        </ButtonLink>
        <Button type="submit" disabled={busy}>
          {busy ? "Starting…" : "Start discussion"}
        </Button>
      </div>
    </form>
  );
}
