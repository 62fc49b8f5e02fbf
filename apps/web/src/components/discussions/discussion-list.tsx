"use client";

import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { useViewer } from "../viewer";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { ButtonLink } from "../ui/button-link";
import { Spinner } from "../ui/spinner";
import { LiveIndicator } from "../live-indicator";
import { useResubscribeOnComplete } from "../use-resubscribe";
import { DiscussionRow } from "./discussion-row";
import { flattenPages, placeDiscussion } from "./list-cache";
import { StatusFilterTabs } from "./status-filter";
import { type DiscussionPage, type StatusFilter } from "./types";

const PAGE_SIZE = 20;

export function DiscussionList({ filter, firstPage }: { filter: StatusFilter; firstPage: DiscussionPage }) {
  const viewer = useViewer();
  const utils = api.useUtils();
  const input = { limit: PAGE_SIZE, ...(filter === "all" ? {} : { status: filter }) };
  const query = api.discussion.list.useInfiniteQuery(input, {
    getNextPageParam: (page) => page.nextCursor,
    initialData: { pages: [firstPage], pageParams: [null] },
  });

  const live = api.live.discussions.useSubscription(
    {},
    {
      // Whatever changed between rendering and subscribing is fetched once; events cover the rest.
      onStarted: () => void utils.discussion.list.invalidate(input),
      onData: ({ data: event }) => {
        utils.discussion.list.setInfiniteData(input, (data) => (data ? placeDiscussion(data, event.discussion, filter) : data));
        utils.discussion.get.setData({ id: event.discussion.id }, event.discussion);
      },
      onComplete: () => resubscribe(),
    },
  );
  const resubscribe = useResubscribeOnComplete(live.reset);

  const discussions = flattenPages(query.data);

  return (
    <section aria-label="Discussions" className="mt-6">
      <div className="mb-3 flex items-center justify-between gap-3">
        <StatusFilterTabs current={filter} />
        <LiveIndicator status={live.status} />
      </div>
      {query.isError ? (
        <Alert className="mb-4">
          Could not load discussions. {errorMessage(query.error)}{" "}
          <button type="button" className="font-medium underline" onClick={() => void query.refetch()}>
            Try again
          </button>
        </Alert>
      ) : null}
      {discussions.length === 0 ? (
        <EmptyState filter={filter} canCreate={viewer !== null} />
      ) : (
        <ul className="divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm" data-testid="discussion-list">
          {discussions.map((discussion) => (
            <DiscussionRow key={discussion.id} discussion={discussion} />
          ))}
        </ul>
      )}
      {query.hasNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? <Spinner label="Loading more discussions" /> : null}
            {query.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
    </section>
  );
}

function EmptyState({ filter, canCreate }: { filter: StatusFilter; canCreate: boolean }) {
  const title = filter === "closed" ? "No closed discussions" : filter === "open" ? "No open discussions" : "No discussions yet";
  return (
    <div className="rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-14 text-center">
      <h2 className="text-base font-semibold text-zinc-900">{title}</h2>
      <p className="mx-auto mt-1 max-w-sm text-sm text-zinc-600">
        {canCreate ? "Start one: ask a question, share an idea or propose a change." : "Sign in to start the first one."}
      </p>
      <div className="mt-5">
        {canCreate ? (
          <ButtonLink href="/discussions/new">New discussion</ButtonLink>
        ) : (
          <ButtonLink href="/sign-in" variant="secondary">
            Sign in
          </ButtonLink>
        )}
      </div>
    </div>
  );
}
