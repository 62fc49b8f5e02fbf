import type { Metadata } from "next";
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { SearchEmpty } from "~/components/search/search-empty";
import { SearchForm } from "~/components/search/search-form";
import { SearchResults } from "~/components/search/search-results";
import { hasFilters, parseSearchParams, toSearchInput, type SearchPage } from "~/components/search/params";
import { Alert } from "~/components/ui/alert";
import { serverApi } from "~/trpc/server";

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { q } = parseSearchParams(await searchParams);
  return { title: q ? `Search: ${q}` : "Search" };
}

/** A refusal the person can act on (a bad date range), or null for a failure on our side. */
function problemOf(error: unknown): string | null {
  if (!(error instanceof TRPCError) || error.code !== "BAD_REQUEST") return null;
  if (error.cause instanceof ZodError) return error.cause.issues[0]?.message ?? "Check the search and its filters.";
  return error.message;
}

export default async function SearchPageRoute({ searchParams }: Props) {
  const params = parseSearchParams(await searchParams);
  const api = await serverApi();
  const input = toSearchInput(params);
  const [labels, outcome] = await Promise.all([
    api.label.list(),
    params.q
      ? api.search.query(input).then(
          (page): { page: SearchPage } => ({ page }),
          (error: unknown) => ({ problem: problemOf(error) }),
        )
      : null,
  ]);

  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Search</h1>
      <p className="mt-1 text-sm text-zinc-600">Discussion titles and messages, best match first.</p>
      <div className="mt-6 space-y-6">
        <SearchForm params={params} labels={labels} />
        {outcome === null ? (
          <SearchEmpty query="" filtered={false} />
        ) : "problem" in outcome ? (
          <div data-testid="search-error">
            <Alert>{outcome.problem ?? "Search is not available right now. Try again in a moment."}</Alert>
          </div>
        ) : outcome.page.items.length === 0 ? (
          <SearchEmpty query={params.q} filtered={hasFilters(params)} />
        ) : (
          <SearchResults key={JSON.stringify(input)} input={input} firstPage={outcome.page} />
        )}
      </div>
    </>
  );
}
