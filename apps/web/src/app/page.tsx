import { DiscussionList } from "~/components/discussions/discussion-list";
import { parseStatusFilter } from "~/components/discussions/types";
import { ButtonLink } from "~/components/ui/button-link";
import { serverApi } from "~/trpc/server";

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filter = parseStatusFilter((await searchParams).status);
  const api = await serverApi();
  const [firstPage, { user }] = await Promise.all([
    api.discussion.list({ limit: 20, ...(filter === "all" ? {} : { status: filter }) }),
    api.auth.me(),
  ]);
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Discussions</h1>
          <p className="mt-1 text-sm text-zinc-600">Questions, ideas and decisions, newest activity first.</p>
        </div>
        {user ? <ButtonLink href="/discussions/new">New discussion</ButtonLink> : null}
      </div>
      <DiscussionList key={filter} filter={filter} firstPage={firstPage} />
    </>
  );
}
