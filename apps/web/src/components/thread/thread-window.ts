import type { RouterInputs } from "@parley/api";
import { MESSAGE_PAGE_SIZE } from "./constants";
import { type MessagePage } from "./types";

/** Where a window onto the thread starts: its first message, its newest, or a given message. */
export type ThreadStart = { at: "first" } | { at: "newest" } | { at: "message"; id: string };

type ListInput = RouterInputs["message"]["list"];

/**
 * One page request, kept whole as the page's param: a refetch repeats each page as it was read
 * (direction included), which a bare cursor cannot say.
 */
export type PageParam = Pick<ListInput, "cursor" | "anchor"> & {
  direction: "forward" | "backward";
};

export const startParam = (start: ThreadStart): PageParam =>
  start.at === "newest"
    ? { direction: "backward" }
    : start.at === "message"
      ? { direction: "forward", anchor: start.id }
      : { direction: "forward" };

export const pageInput = (discussionId: string, param: PageParam): ListInput => ({
  discussionId,
  limit: MESSAGE_PAGE_SIZE,
  ...param,
});

export const nextPageParam = (page: MessagePage): PageParam | undefined =>
  page.nextCursor === null ? undefined : { direction: "forward", cursor: page.nextCursor };

export const previousPageParam = (page: MessagePage): PageParam | undefined =>
  page.prevCursor === null ? undefined : { direction: "backward", cursor: page.prevCursor };

/** Every cached window of one discussion shares this prefix, so live updates reach all of them. */
export const threadKey = (discussionId: string) => ["thread-window", discussionId] as const;
export const windowKey = (discussionId: string, start: ThreadStart) =>
  [...threadKey(discussionId), start] as const;
