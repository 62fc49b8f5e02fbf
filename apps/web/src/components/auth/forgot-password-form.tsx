"use client";

import { useState, type SubmitEvent } from "react";
import { errorMessage, fieldErrors } from "~/trpc/errors";
import { api } from "~/trpc/react";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { formText } from "../ui/form-data";

export function ForgotPasswordForm() {
  const request = api.auth.requestPasswordReset.useMutation();
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = formText(new FormData(event.currentTarget), "email");
    try {
      await request.mutateAsync({ email });
      setSentTo(email);
    } catch {
      // shown from request.error below
    }
  }

  if (sentTo)
    return (
      <div role="status" className="space-y-2 text-sm text-zinc-700">
        <p>
          If <strong>{sentTo}</strong> has an account, a link to choose a new password is on its
          way. It works once, for an hour.
        </p>
        <p>Nothing arrived? Check your spam folder, or ask again in a few minutes.</p>
      </div>
    );

  const fields = fieldErrors(request.error);
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      {request.error && !fields.email ? <Alert>{errorMessage(request.error)}</Alert> : null}
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        autoFocus
        error={fields.email}
      />
      <Button type="submit" className="w-full" disabled={request.isPending}>
        {request.isPending ? "Sending…" : "Send me a reset link"}
      </Button>
    </form>
  );
}
