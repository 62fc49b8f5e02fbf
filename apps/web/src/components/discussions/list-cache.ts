import { type InfiniteData } from "@tanstack/react-query";
import { type DiscussionPage, type DiscussionSummary, type StatusFilter } from "./types";

const newerFirst = (a: DiscussionSummary, b: DiscussionSummary) =>
  b.lastActivityAt.localeCompare(a.lastActivityAt) || b.id.localeCompare(a.id);

/**
 * Applies a live change to the loaded pages of one filter: the discussion leaves its old place
 * and, if it still matches the filter, goes where the list's order puts it. A discussion that
 * belongs below everything loaded is left for "Load more" to fetch.
 */
export function placeDiscussion<P>(
  data: InfiniteData<DiscussionPage, P>,
  discussion: DiscussionSummary,
  filter: StatusFilter,
): InfiniteData<DiscussionPage, P> {
  const matches = filter === "all" || discussion.status === filter;
  const pages = data.pages.map((page) => ({ ...page, items: page.items.filter((d) => d.id !== discussion.id) }));
  if (matches) {
    const target = pages.findIndex((page, index) => {
      const last = page.items.at(-1);
      const isLastPage = index === pages.length - 1;
      return !last || newerFirst(discussion, last) < 0 || (isLastPage && page.nextCursor === null);
    });
    const page = pages[target];
    if (page) pages[target] = { ...page, items: [...page.items, discussion].sort(newerFirst) };
  }
  return { ...data, pages };
}

/** The loaded discussions in order, each once (a live move can briefly overlap a page fetch). */
export function flattenPages(data: InfiniteData<DiscussionPage> | undefined): DiscussionSummary[] {
  const seen = new Set<string>();
  const items: DiscussionSummary[] = [];
  for (const page of data?.pages ?? []) {
    for (const item of page.items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      items.push(item);
    }
  }
  return items;
}
