import type { Metadata } from "next";
import { AdminPageHeader } from "~/components/admin/admin-page-header";
import { AuditLog } from "~/components/admin/audit/audit-log";
import { staffAccount } from "~/components/admin/staff-viewer";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Audit log" };

export default async function AdminAuditPage() {
  if (!(await staffAccount())) return null;
  const firstPage = await (await serverApi()).moderation.auditLog({ limit: 50 });
  return (
    <>
      <AdminPageHeader title="Audit log" description="Every moderator and admin action: who, what, when, and what changed. Nobody can edit or delete an entry." />
      <AuditLog firstPage={firstPage} />
    </>
  );
}
