import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { type ReactNode } from "react";
import { AdminForbidden } from "~/components/admin/admin-forbidden";
import { AdminNav } from "~/components/admin/admin-nav";
import { currentAccount, isSuspended } from "~/components/admin/staff-viewer";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin · Parley" } };

/**
 * Moderators and admins only. auth.me re-reads the account's role and status from the database on
 * this request, so a demoted or banned moderator loses the pages at once. Every procedure behind
 * them checks roles again on the server: this check only keeps the pages themselves private.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await currentAccount();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent("/admin")}`);
  if (user.role === "member") return <AdminForbidden reason="role" />;
  if (isSuspended(user)) return <AdminForbidden reason="suspended" />;
  return (
    <div>
      <div className="mb-6">
        <p className="text-sm font-semibold text-accent-700">{user.role === "admin" ? "Administration" : "Moderation"}</p>
        <AdminNav />
      </div>
      {children}
    </div>
  );
}
