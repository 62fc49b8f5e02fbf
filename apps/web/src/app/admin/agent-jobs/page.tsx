import type { Metadata } from "next";
import { AdminPageHeader } from "~/components/admin/admin-page-header";
import { AgentJobList } from "~/components/admin/agent-jobs/agent-job-list";
import { staffAccount } from "~/components/admin/staff-viewer";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Agent jobs" };

export default async function AdminAgentJobsPage() {
  if (!(await staffAccount())) return null;
  const firstPage = await (await serverApi()).moderation.agentJobs({ limit: 50 });
  return (
    <>
      <AdminPageHeader title="Agent jobs" description="Summaries, reply drafts and label suggestions across every discussion, newest first. A failed or blocked job can be queued again." />
      <AgentJobList firstPage={firstPage} />
    </>
  );
}
