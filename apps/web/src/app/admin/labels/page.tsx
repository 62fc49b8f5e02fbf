import type { Metadata } from "next";
import { LabelManager } from "~/components/admin/labels/label-manager";
import { AdminPageHeader } from "~/components/admin/admin-page-header";
import { staffAccount } from "~/components/admin/staff-viewer";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Labels" };

export default async function AdminLabelsPage() {
  if (!(await staffAccount())) return null;
  const labels = await (await serverApi()).label.list();
  return (
    <>
      <AdminPageHeader title="Labels" description="The label set moderators apply to discussions. The classifier reads each name and description when it suggests labels." />
      <LabelManager initialLabels={labels} />
    </>
  );
}
