import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "~/components/auth/auth-card";
import { safeReturnTo } from "~/components/auth/return-to";
import { SignInForm } from "~/components/auth/sign-in-form";
import { githubSignInEnabled } from "~/server/auth";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const returnTo = safeReturnTo(params.callbackUrl);
  const error = typeof params.error === "string" ? params.error : undefined;
  return (
    <AuthCard
      title="Welcome back"
      subtitle={
        <>
          New here?{" "}
          <Link href={`/sign-up?callbackUrl=${encodeURIComponent(returnTo)}`} className="font-medium text-accent-700 underline-offset-2 hover:underline">
            Create an account
          </Link>
        </>
      }
    >
      <SignInForm returnTo={returnTo} githubEnabled={githubSignInEnabled()} initialError={error} />
    </AuthCard>
  );
}
