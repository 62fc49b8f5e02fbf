"use client";

import Link from "next/link";
import { type SubmitEvent } from "react";
import { api } from "~/trpc/react";
import { errorMessage, fieldErrors } from "~/trpc/errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { formText } from "../ui/form-data";

/**
 * Registering answers the same for a new address and for one that has an account (whose
 * owner is told by mail), so the form never signs in by itself: that would tell a stranger
 * which addresses are members'. The new member confirms the address and signs in.
 */
export function SignUpForm({ returnTo }: { returnTo: string }) {
  const register = api.auth.register.useMutation();

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      await register.mutateAsync({
        email: formText(form, "email"),
        password: formText(form, "password"),
        displayName: formText(form, "displayName"),
      });
    } catch {
      // shown from register.error below
    }
  }

  if (register.data)
    return (
      <div role="status" className="space-y-3 text-sm text-zinc-700">
        <p className="font-medium text-zinc-900">Check your inbox</p>
        <p>
          We sent a link to <strong>{register.data.email}</strong> to confirm the address. You can
          sign in right away; some things may wait until the address is confirmed.
        </p>
        <Link
          href={`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`}
          className="font-medium text-accent-700 underline"
        >
          Sign in
        </Link>
      </div>
    );

  const fields = fieldErrors(register.error);
  const hasFieldErrors = Object.values(fields).some(Boolean);

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      {register.error && !hasFieldErrors ? <Alert>{errorMessage(register.error)}</Alert> : null}
      <TextField
        label="Display name"
        name="displayName"
        autoComplete="name"
        required
        maxLength={60}
        error={fields.displayName}
        autoFocus
      />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        error={fields.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint="At least 10 characters. A short phrase works well."
        error={fields.password}
      />
      <Button type="submit" className="w-full" disabled={register.isPending}>
        {register.isPending ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
