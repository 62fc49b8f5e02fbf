"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type SubmitEvent, useState } from "react";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { formText } from "../ui/form-data";

// One message for an unknown email and a wrong password: the form never tells which.
const WRONG_CREDENTIALS = "Wrong email or password.";

const oauthErrors: Record<string, string> = {
  OAuthSignin: "Could not start signing in with GitHub. Try again.",
  OAuthCallback: "GitHub sign-in did not complete. Try again.",
  AccessDenied: "Sign-in was refused. Your GitHub account needs a verified email address.",
  OAuthAccountNotLinked: "This email is already linked to another sign-in method.",
};

export function SignInForm({
  returnTo,
  githubEnabled,
  initialError,
}: {
  returnTo: string;
  githubEnabled: boolean;
  initialError: string | undefined;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(
    initialError ? (oauthErrors[initialError] ?? (initialError === "CredentialsSignin" ? WRONG_CREDENTIALS : "Could not sign in. Try again.")) : null,
  );
  const [pending, setPending] = useState(false);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: formText(form, "email"),
      password: formText(form, "password"),
      redirect: false,
    });
    if (!result?.ok) {
      setPending(false);
      // Other errors carry the API's message, e.g. a lockout with the time to wait.
      setError(result?.error === "CredentialsSignin" ? WRONG_CREDENTIALS : (result?.error ?? "Could not sign in right now. Try again in a moment."));
      return;
    }
    router.replace(returnTo);
    router.refresh();
  }

  return (
    <div className="space-y-5">
      <form onSubmit={onSubmit} className="space-y-4" noValidate={false}>
        {error ? <Alert>{error}</Alert> : null}
        <TextField label="Email" name="email" type="email" autoComplete="email" required autoFocus />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
        <p className="-mt-2 text-right text-sm">
          <Link href="/forgot-password" className="text-accent-700 underline-offset-2 hover:underline">
            Forgot your password?
          </Link>
        </p>
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {githubEnabled ? (
        <>
          <div className="flex items-center gap-3 text-xs text-zinc-500">
            <span className="h-px flex-1 bg-zinc-200" />
            or
            <span className="h-px flex-1 bg-zinc-200" />
          </div>
          <Button variant="secondary" className="w-full" onClick={() => signIn("github", { callbackUrl: returnTo })}>
            Continue with GitHub
          </Button>
        </>
      ) : null}
    </div>
  );
}
