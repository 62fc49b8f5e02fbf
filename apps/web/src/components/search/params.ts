import type { RouterInputs, RouterOutputs } from "@parley/api";

export type SearchInput = RouterInputs["search"]["query"];
export type SearchPage = RouterOutputs["search"]["query"];
export type SearchHit = SearchPage["items"][number];
export type SnippetSegment = SearchHit["snippet"][number];

/** What the URL says: the page's whole state, so a search can be shared or bookmarked. */
export interface SearchParams {
  q: string;
  label: string;
  author: string;
  status: "" | "open" | "closed";
  from: string;
  to: string;
}

export const SEARCH_PAGE_SIZE = 20;
const QUERY_MAX = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const HANDLE = /^@?[a-zA-Z0-9-]{1,40}$/;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() ?? "";

/** Reads the URL's parameters; values that cannot be right (a malformed date or label) are dropped. */
export function parseSearchParams(raw: Record<string, string | string[] | undefined>): SearchParams {
  const status = first(raw.status);
  const label = first(raw.label);
  const author = first(raw.author);
  const from = first(raw.from);
  const to = first(raw.to);
  return {
    q: first(raw.q).slice(0, QUERY_MAX),
    label: UUID.test(label) ? label : "",
    author: HANDLE.test(author) ? author : "",
    status: status === "open" || status === "closed" ? status : "",
    from: DAY.test(from) ? from : "",
    to: DAY.test(to) ? to : "",
  };
}

/** The procedure's input for these parameters (no cursor: pages follow from nextCursor). */
export function toSearchInput(params: SearchParams): SearchInput {
  return {
    q: params.q,
    limit: SEARCH_PAGE_SIZE,
    ...(params.label ? { labelId: params.label } : {}),
    ...(params.author ? { author: params.author } : {}),
    ...(params.status ? { status: params.status } : {}),
    ...(params.from ? { from: params.from } : {}),
    ...(params.to ? { to: params.to } : {}),
  };
}

export function hasFilters(params: SearchParams): boolean {
  return Boolean(params.label || params.author || params.status || params.from || params.to);
}

/** Where a hit leads: the message's anchor in its discussion, or the discussion itself. */
export function hitHref(hit: SearchHit): string {
  const path = `/discussions/${hit.discussion.id}`;
  return hit.kind === "message" ? `${path}#message-${hit.id}` : path;
}
