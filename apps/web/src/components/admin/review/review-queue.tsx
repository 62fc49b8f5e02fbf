"use client";

import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { Spinner } from "../../ui/spinner";
import { LiveIndicator } from "../../live-indicator";
import { useResubscribeOnComplete } from "../../use-resubscribe";
import { ReviewCard } from "./review-card";
import { ReviewFilters } from "./review-filters";
import { type ReviewFilter, type ReviewItem, type ReviewPage, statusLabels } from "./types";

const PAGE_SIZE = 25;

export function ReviewQueue({ filter, firstPage }: { filter: ReviewFilter; firstPage: ReviewPage }) {
  const utils = api.useUtils();
  const input = { status: filter.status, limit: PAGE_SIZE, ...(filter.kind ? { kind: filter.kind } : {}) };
  const query = api.review.list.useInfiniteQuery(input, {
    getNextPageParam: (page) => page.nextCursor,
    initialData: { pages: [firstPage], pageParams: [null] },
  });

  // Events carry ids and state only: the list is read again, in the order and shape the server gives.
  const live = api.live.reviewQueue.useSubscription(
    {},
    {
      onStarted: () => void utils.review.list.invalidate(),
      onData: () => void utils.review.list.invalidate(),
      onComplete: () => resubscribe(),
    },
  );
  const resubscribe = useResubscribeOnComplete(live.reset);

  /** A decision taken here leaves the list it no longer belongs to at once. */
  function resolved(item: ReviewItem) {
    utils.review.list.setInfiniteData(input, (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              items: item.status === filter.status ? page.items.map((i) => (i.id === item.id ? item : i)) : page.items.filter((i) => i.id !== item.id),
            })),
          }
        : data,
    );
    void utils.review.list.invalidate();
  }

  const items = query.data.pages.flatMap((page) => page.items);

  return (
    <section aria-label="Review queue">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <ReviewFilters filter={filter} />
        <LiveIndicator status={live.status} />
      </div>
      {live.error ? <Alert className="mb-4">Live updates stopped: {errorMessage(live.error)}</Alert> : null}
      {query.isError ? (
        <Alert className="mb-4">
          Could not load the queue. {errorMessage(query.error)}{" "}
          <button type="button" className="font-medium underline" onClick={() => void query.refetch()}>
            Try again
          </button>
        </Alert>
      ) : null}
      {items.length === 0 ? (
        <div className="rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-14 text-center" data-testid="review-empty">
          <h2 className="text-base font-semibold text-zinc-900">{filter.status === "open" ? "Nothing to review" : `Nothing ${statusLabels[filter.status].toLowerCase()}`}</h2>
          <p className="mx-auto mt-1 max-w-sm text-sm text-zinc-600">
            {filter.status === "open"
              ? "Held, blocked and flagged messages and accounts that keep hitting rate limits appear here as they happen."
              : "Items resolved this way are listed here."}
          </p>
        </div>
      ) : (
        <ol className="space-y-3" data-testid="review-list">
          {items.map((item) => (
            <ReviewCard key={item.id} item={item} onResolved={resolved} />
          ))}
        </ol>
      )}
      {query.hasNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? <Spinner label="Loading more items" /> : null}
            {query.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
