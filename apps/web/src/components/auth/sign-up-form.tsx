"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { type SubmitEvent, useState } from "react";
import { api } from "~/trpc/react";
import { errorMessage, fieldErrors } from "~/trpc/errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { formText } from "../ui/form-data";

export function SignUpForm({ returnTo }: { returnTo: string }) {
  const router = useRouter();
  const register = api.auth.register.useMutation();
  const [signInFailed, setSignInFailed] = useState(false);
  const [signingIn, setSigningIn] = useState(false);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = formText(form, "email");
    const password = formText(form, "password");
    const displayName = formText(form, "displayName");
    setSignInFailed(false);
    try {
      await register.mutateAsync({ email, password, displayName });
    } catch {
      return; // shown from register.error below
    }
    setSigningIn(true);
    const result = await signIn("credentials", { email, password, redirect: false });
    if (!result?.ok) {
      setSigningIn(false);
      setSignInFailed(true);
      return;
    }
    router.replace(returnTo);
    router.refresh();
  }

  const fields = fieldErrors(register.error);
  const hasFieldErrors = Object.values(fields).some(Boolean);
  const conflict = register.error?.data?.code === "CONFLICT";
  const pending = register.isPending || signingIn;

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      {register.error && !hasFieldErrors && !conflict ? <Alert>{errorMessage(register.error)}</Alert> : null}
      {signInFailed ? <Alert>Your account was created, but signing in failed. Sign in to continue.</Alert> : null}
      <TextField label="Display name" name="displayName" autoComplete="name" required maxLength={60} error={fields.displayName} autoFocus />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        error={fields.email ?? (conflict ? register.error?.message : undefined)}
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
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
