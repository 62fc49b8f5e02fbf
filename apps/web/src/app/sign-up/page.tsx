import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "~/components/auth/auth-card";
import { safeReturnTo } from "~/components/auth/return-to";
import { SignUpForm } from "~/components/auth/sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const returnTo = safeReturnTo((await searchParams).callbackUrl);
  return (
    <AuthCard
      title="Create your account"
      subtitle={
        <>
          Already have one?{" "}
          <Link href={`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`} className="font-medium text-accent-700 underline-offset-2 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm returnTo={returnTo} />
    </AuthCard>
  );
}
