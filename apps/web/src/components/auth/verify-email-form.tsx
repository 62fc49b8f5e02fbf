"use client";

import Link from "next/link";
import { errorMessage } from "~/trpc/errors";
import { api } from "~/trpc/react";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";

/** A click, not the page load, uses the link up: mail scanners that open links confirm nothing. */
export function VerifyEmailForm({ token }: { token: string }) {
  const verify = api.auth.verifyEmail.useMutation();
  if (verify.data)
    return (
      <div role="status" className="space-y-3 text-sm text-zinc-700">
        <p>
          {verify.data.changed ? "Your account's address is now" : "Confirmed:"}{" "}
          <strong>{verify.data.email}</strong>.
        </p>
        <Link href="/" className="font-medium text-accent-700 underline">
          Go to the discussions
        </Link>
      </div>
    );
  return (
    <div className="space-y-4">
      {verify.error ? (
        <Alert>
          {errorMessage(verify.error)}{" "}
          <Link href="/settings/account" className="underline">
            Ask for a new link
          </Link>
        </Alert>
      ) : null}
      <Button
        className="w-full"
        disabled={verify.isPending}
        onClick={() => verify.mutate({ token })}
      >
        {verify.isPending ? "Confirming…" : "Confirm my address"}
      </Button>
    </div>
  );
}
