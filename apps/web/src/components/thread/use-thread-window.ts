import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "~/trpc/react";
import { MAX_PAGES_IN_DOM } from "./constants";
import {
  nextPageParam,
  pageInput,
  previousPageParam,
  startParam,
  type PageParam,
  type ThreadStart,
  windowKey,
} from "./thread-window";
import { type MessagePage, type MessagePages } from "./types";

/**
 * The loaded part of a thread: pages read on in both directions from a start (the first
 * message, the newest, or a given one), at most MAX_PAGES_IN_DOM at once. Jumping elsewhere
 * starts a new window (its own cache entry), so a 100k-message thread costs what a short one
 * does wherever the reader is.
 */
export function useThreadWindow(
  discussionId: string,
  initial: { start: ThreadStart; page: MessagePage },
) {
  const utils = api.useUtils();
  const [start, setStart] = useState<ThreadStart>(initial.start);
  const query = useInfiniteQuery<
    MessagePage,
    Error,
    MessagePages<PageParam>,
    ReturnType<typeof windowKey>,
    PageParam
  >({
    queryKey: windowKey(discussionId, start),
    queryFn: ({ pageParam, signal }) =>
      utils.client.message.list.query(pageInput(discussionId, pageParam), { signal }),
    initialPageParam: startParam(start),
    getNextPageParam: nextPageParam,
    getPreviousPageParam: previousPageParam,
    maxPages: MAX_PAGES_IN_DOM,
    // The server rendered the window the page opened at; other windows load when jumped to.
    ...(start === initial.start
      ? { initialData: { pages: [initial.page], pageParams: [startParam(initial.start)] } }
      : {}),
  });
  const pages = query.data?.pages ?? [];
  return {
    ...query,
    start,
    setStart,
    /** The window reaches the thread's first message. */
    atFirst: pages[0]?.prevCursor === null,
    /** The window reaches the newest message, so live messages are appended to it. */
    atNewest: pages.at(-1)?.nextCursor === null,
  };
}
