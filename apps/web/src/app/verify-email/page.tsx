import type { Metadata } from "next";
import { accountLinkProblem } from "@parley/api/server";
import { AuthCard } from "~/components/auth/auth-card";
import { LinkProblemNotice } from "~/components/auth/link-problem";
import { VerifyEmailForm } from "~/components/auth/verify-email-form";
import { runtime } from "~/server/runtime";

export const metadata: Metadata = { title: "Confirm your address" };
export const dynamic = "force-dynamic";

export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  const { db } = await runtime();
  const problem = await accountLinkProblem(db, "verify_email", token, new Date());
  return (
    <AuthCard title="Confirm your address" subtitle="One click, and we know this address is yours.">
      {problem ? (
        <LinkProblemNotice
          problem={problem}
          next={{ href: "/settings/account", label: "Sign in and ask for a new link" }}
        />
      ) : (
        <VerifyEmailForm token={token} />
      )}
    </AuthCard>
  );
}
