import type { Metadata } from "next";
import { AdminPageHeader } from "~/components/admin/admin-page-header";
import { ReviewQueue } from "~/components/admin/review/review-queue";
import { parseReviewFilter } from "~/components/admin/review/types";
import { staffAccount } from "~/components/admin/staff-viewer";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Review queue" };

export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!(await staffAccount())) return null;
  const filter = parseReviewFilter(await searchParams);
  const firstPage = await (await serverApi()).review.list({ status: filter.status, limit: 25, ...(filter.kind ? { kind: filter.kind } : {}) });
  return (
    <>
      <AdminPageHeader
        title="Review queue"
        description="Messages the toxicity check held, blocked or redacted, messages members flagged, and accounts that keep hitting rate limits. New items appear as they happen."
      />
      <ReviewQueue key={`${filter.status}:${filter.kind ?? ""}`} filter={filter} firstPage={firstPage} />
    </>
  );
}
