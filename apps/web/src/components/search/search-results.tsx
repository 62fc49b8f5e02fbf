"use client";

import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Spinner } from "../ui/spinner";
import { SearchHitItem } from "./search-hit";
import { type SearchInput, type SearchPage } from "./params";

/** The ranked hits: the first page comes from the server, later ones through the cursor. */
export function SearchResults({ input, firstPage }: { input: SearchInput; firstPage: SearchPage }) {
  const query = api.search.query.useInfiniteQuery(input, {
    getNextPageParam: (page) => page.nextCursor,
    initialData: { pages: [firstPage], pageParams: [null] },
  });
  const hits = query.data.pages.flatMap((page) => page.items);
  return (
    <section aria-label="Search results">
      <ol className="divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm" data-testid="search-results">
        {hits.map((hit) => (
          <SearchHitItem key={`${hit.kind}:${hit.id}`} hit={hit} />
        ))}
      </ol>
      {query.isFetchNextPageError ? (
        <Alert className="mt-4">
          Could not load more results. {errorMessage(query.error)}{" "}
          <button type="button" className="font-medium underline" onClick={() => void query.fetchNextPage()}>
            Try again
          </button>
        </Alert>
      ) : null}
      {query.hasNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage} data-testid="search-load-more">
            {query.isFetchingNextPage ? <Spinner label="Loading more results" /> : null}
            {query.isFetchingNextPage ? "Loading…" : "More results"}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
