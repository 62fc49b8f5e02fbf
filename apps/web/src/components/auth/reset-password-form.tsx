"use client";

import Link from "next/link";
import { type SubmitEvent } from "react";
import { errorMessage, fieldErrors } from "~/trpc/errors";
import { api } from "~/trpc/react";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { formText } from "../ui/form-data";

export function ResetPasswordForm({ token }: { token: string }) {
  const reset = api.auth.resetPassword.useMutation();

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = formText(new FormData(event.currentTarget), "password");
    try {
      await reset.mutateAsync({ token, password });
    } catch {
      // shown from reset.error below
    }
  }

  if (reset.data)
    return (
      <div role="status" className="space-y-4 text-sm text-zinc-700">
        <p>
          Your password is changed, and every place <strong>{reset.data.email}</strong> was signed
          in has been signed out.
        </p>
        {reset.data.tokens.length > 0 ? (
          <div>
            <p className="mb-2">
              These API tokens still work. If you no longer trust one (or did not make it), revoke
              it on the API tokens page after you sign in:
            </p>
            <ul className="space-y-1" data-testid="remaining-tokens">
              {reset.data.tokens.map((t) => (
                <li key={t.id} className="rounded border border-zinc-200 px-3 py-2">
                  <span className="font-medium text-zinc-900">{t.name}</span>{" "}
                  <code className="rounded bg-zinc-100 px-1">{t.prefix}…</code>{" "}
                  <span className="text-zinc-500">
                    {t.scopes.join(", ")} ·{" "}
                    {t.lastUsedAt ? `last used ${t.lastUsedAt.slice(0, 10)}` : "never used"}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="flex gap-3">
          <Link
            href="/sign-in?callbackUrl=%2Fsettings%2Ftokens"
            className="font-medium text-accent-700 underline"
          >
            Sign in
          </Link>
        </div>
      </div>
    );

  const fields = fieldErrors(reset.error);
  const linkRefused = reset.error && !fields.password;
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      {linkRefused ? (
        <Alert>
          {errorMessage(reset.error)}{" "}
          <Link href="/forgot-password" className="underline">
            Ask for a new link
          </Link>
        </Alert>
      ) : null}
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        autoFocus
        hint="At least 10 characters. A short phrase works well."
        error={fields.password}
      />
      <Button type="submit" className="w-full" disabled={reset.isPending}>
        {reset.isPending ? "Saving…" : "Set my new password"}
      </Button>
    </form>
  );
}
