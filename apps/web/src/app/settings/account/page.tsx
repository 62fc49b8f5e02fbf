import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AccountPanel } from "~/components/settings/account-panel";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const { user } = await (await serverApi()).auth.me();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent("/settings/account")}`);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-6 text-2xl font-semibold tracking-tight text-zinc-900">Account</h1>
      <AccountPanel
        email={user.email}
        emailVerified={user.emailVerified}
        isStaff={user.role !== "member"}
      />
    </div>
  );
}
