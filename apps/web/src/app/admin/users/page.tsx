import type { Metadata } from "next";
import { AdminPageHeader } from "~/components/admin/admin-page-header";
import { UserDirectory } from "~/components/admin/users/user-directory";
import { staffAccount } from "~/components/admin/staff-viewer";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Users" };

export default async function AdminUsersPage() {
  if (!(await staffAccount())) return null;
  const firstPage = await (await serverApi()).moderation.users({ limit: 50 });
  return (
    <>
      <AdminPageHeader
        title="Users"
        description="Suspend an account for a while or ban it, with a reason the member sees; reinstate it later. Moderators act on members; admins also change roles."
      />
      <UserDirectory firstPage={firstPage} />
    </>
  );
}
