import type { Metadata } from "next";
import { accountLinkProblem } from "@parley/api/server";
import { AuthCard } from "~/components/auth/auth-card";
import { LinkProblemNotice } from "~/components/auth/link-problem";
import { ResetPasswordForm } from "~/components/auth/reset-password-form";
import { runtime } from "~/server/runtime";

export const metadata: Metadata = { title: "Choose a new password" };
export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  const { db } = await runtime();
  // Checked before the member types a password; the form's submit checks again and uses it up.
  const problem = await accountLinkProblem(db, "password_reset", token, new Date());
  return (
    <AuthCard
      title="Choose a new password"
      subtitle="Signing in everywhere else ends when you save it."
    >
      {problem ? (
        <LinkProblemNotice
          problem={problem}
          next={{ href: "/forgot-password", label: "Ask for a new reset link" }}
        />
      ) : (
        <ResetPasswordForm token={token} />
      )}
    </AuthCard>
  );
}
