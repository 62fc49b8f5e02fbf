import type { Metadata } from "next";
import { AuthCard } from "~/components/auth/auth-card";
import { UnsubscribeForm } from "~/components/settings/unsubscribe-form";

export const metadata: Metadata = { title: "Unsubscribe" };

export default async function UnsubscribePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = (await searchParams).token;
  return (
    <AuthCard
      title="Unsubscribe"
      subtitle="Stop the notification mails this link came with. No sign-in needed."
    >
      <UnsubscribeForm token={typeof raw === "string" ? raw.slice(0, 300) : ""} />
    </AuthCard>
  );
}
