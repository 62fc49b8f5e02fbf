"use client";

import { type SubmitEvent } from "react";
import { errorMessage, fieldErrors } from "~/trpc/errors";
import { api } from "~/trpc/react";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { formText } from "../ui/form-data";

const mailKinds = {
  mentions: "Mentions",
  replies: "Replies to you",
  reviews: "Review queue",
} as const;

export function AccountPanel({
  email,
  emailVerified,
  isStaff,
}: {
  email: string;
  emailVerified: boolean;
  isStaff: boolean;
}) {
  const resend = api.auth.resendVerification.useMutation();
  const change = api.auth.changeEmail.useMutation();
  const utils = api.useUtils();
  const mailSettings = api.auth.mailSettings.useQuery();
  const setMail = api.auth.setMailSettings.useMutation({
    onSuccess: (next) => utils.auth.mailSettings.setData(undefined, next),
  });

  async function onChange(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      await change.mutateAsync({
        newEmail: formText(form, "newEmail"),
        password: formText(form, "password"),
      });
    } catch {
      // shown from change.error below
    }
  }

  const fields = fieldErrors(change.error);
  return (
    <div className="space-y-8">
      <section className="rounded-lg border border-zinc-200 bg-white p-5">
        <h2 className="text-sm font-semibold text-zinc-900">Email address</h2>
        <p className="mt-1 text-sm text-zinc-700" data-testid="account-email">
          {email} · {emailVerified ? "confirmed" : "not confirmed yet"}
        </p>
        {!emailVerified ? (
          <div className="mt-3 space-y-2">
            {resend.error ? <Alert>{errorMessage(resend.error)}</Alert> : null}
            {resend.isSuccess ? (
              <p role="status" className="text-sm text-zinc-700">
                A new link is on its way; earlier ones no longer work.
              </p>
            ) : (
              <Button
                variant="secondary"
                size="sm"
                disabled={resend.isPending}
                onClick={() => resend.mutate()}
              >
                {resend.isPending ? "Sending…" : "Send me a new confirmation link"}
              </Button>
            )}
          </div>
        ) : null}
      </section>

      <section className="rounded-lg border border-zinc-200 bg-white p-5">
        <h2 className="text-sm font-semibold text-zinc-900">Notification mail</h2>
        <p className="mb-3 mt-1 text-sm text-zinc-600">
          Mentions and replies you have not seen here within 10 minutes are mailed, several in one
          mail.
          {emailVerified ? "" : " Nothing is mailed until your address is confirmed."}
        </p>
        {setMail.error ? <Alert>{errorMessage(setMail.error)}</Alert> : null}
        {mailSettings.data ? (
          <div className="flex flex-wrap gap-4">
            {(isStaff
              ? (["mentions", "replies", "reviews"] as const)
              : (["mentions", "replies"] as const)
            ).map((kind) => (
              <label key={kind} className="text-sm text-zinc-800">
                {mailKinds[kind]}{" "}
                <select
                  aria-label={`Mail for ${kind}`}
                  value={mailSettings.data[kind]}
                  disabled={setMail.isPending}
                  onChange={(event) =>
                    setMail.mutate({
                      [kind]: event.target.value === "never" ? "never" : "immediately",
                    })
                  }
                  className="ml-1 h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm"
                >
                  <option value="immediately">Mail me</option>
                  <option value="never">Never</option>
                </select>
              </label>
            ))}
          </div>
        ) : null}
      </section>

      <section className="rounded-lg border border-zinc-200 bg-white p-5">
        <h2 className="text-sm font-semibold text-zinc-900">Change your address</h2>
        <p className="mb-3 mt-1 text-sm text-zinc-600">
          The new address gets a link; the change happens when it is opened. Your current address is
          told.
        </p>
        {change.isSuccess ? (
          <p role="status" className="text-sm text-zinc-700">
            Check the new address&apos;s inbox for the link.
          </p>
        ) : (
          <form onSubmit={onChange} className="space-y-3">
            {change.error && !fields.newEmail && !fields.password ? (
              <Alert>{errorMessage(change.error)}</Alert>
            ) : null}
            <TextField
              label="New email"
              name="newEmail"
              type="email"
              autoComplete="email"
              required
              error={fields.newEmail}
            />
            <TextField
              label="Current password"
              name="password"
              type="password"
              autoComplete="current-password"
              error={fields.password}
            />
            <Button type="submit" size="sm" disabled={change.isPending}>
              {change.isPending ? "Sending…" : "Send the link"}
            </Button>
          </form>
        )}
      </section>
    </div>
  );
}
