"use client";

import { hashKey, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { useResubscribeOnComplete } from "../use-resubscribe";
import { LockedNotice } from "../moderation/locked-badge";
import { isModerator, useViewer } from "../viewer";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Spinner } from "../ui/spinner";
import { AssistantPanel } from "./assistant-panel";
import { Composer } from "./composer";
import { DiscussionHeader } from "./discussion-header";
import { JumpBar, type JumpTarget } from "./jump-bar";
import { allMessages } from "./message-cache";
import { MessageItem } from "./message-item";
import { buildThread, countReplies } from "./message-tree";
import { type ThreadStart, windowKey } from "./thread-window";
import { type Discussion, type MessagePage, type MessageView, type ReadPosition } from "./types";
import { useAgentJob } from "./use-agent-job";
import { useMarkRead } from "./use-mark-read";
import { useNearViewport } from "./use-near-viewport";
import { type ScrollAnchor, topmostVisible, useScrollAnchor } from "./use-scroll-anchor";
import { useThreadCache } from "./use-thread-cache";
import { useThreadWindow } from "./use-thread-window";

// Start loading the next page this far before the reader reaches the end of the loaded ones.
const PRELOAD_MARGIN = "800px 0px";

export function Thread({
  initialDiscussion,
  initialWindow,
  initialPosition,
}: {
  initialDiscussion: Discussion;
  initialWindow: { start: ThreadStart; page: MessagePage };
  /** The viewer's read position; null for anonymous readers. */
  initialPosition: ReadPosition | null;
}) {
  const discussionId = initialDiscussion.id;
  const viewer = useViewer();
  const cache = useThreadCache(discussionId);
  const utils = api.useUtils();
  const queryClient = useQueryClient();
  const summary = useAgentJob(discussionId, "summary");
  const draft = useAgentJob(discussionId, "draft_reply");
  const [prefill, setPrefill] = useState({ text: "", version: 0 });
  const discussionQuery = api.discussion.get.useQuery({ id: discussionId }, { initialData: initialDiscussion });
  const position = api.reading.position.useQuery(
    { discussionId },
    { enabled: viewer !== null && initialPosition !== null, ...(initialPosition ? { initialData: initialPosition } : {}) },
  );
  const messages = useThreadWindow(discussionId, initialWindow);
  // Where to scroll once the window has loaded: the message the page opened at, or a jump's target.
  const pendingScrollRef = useRef<ThreadStart | null>(initialWindow.start.at === "first" ? null : initialWindow.start);
  const [jumps, setJumps] = useState(0);

  const live = api.live.discussion.useSubscription(
    { discussionId },
    {
      // Anything that happened between the server render and this subscription is fetched once.
      onStarted: () => {
        cache.refetchAll();
        void utils.agent.jobs.invalidate({ discussionId });
      },
      onData: ({ data: event }) => {
        if (event.type === "discussion.updated") cache.putDiscussion(event.discussion);
        else if (event.type === "agent.job.updated") {
          if (event.job.type === "summary") summary.putJob(event.job);
        } else if (event.wasPublished && event.message.status !== "published" && event.message.author.id !== viewer?.id && !isModerator(viewer)) {
          // A moderator withdrew a message we could see: it leaves the page, as it left the list.
          cache.dropMessage(event.message.id);
        } else cache.putMessage(event.message);
      },
      onComplete: () => resubscribe(),
    },
  );
  const resubscribe = useResubscribeOnComplete(live.reset);

  const discussion = discussionQuery.data;
  // One array per change of the pages, so what depends on it (the read tracker) settles between changes.
  const loaded = useMemo(() => allMessages(messages.data), [messages.data]);
  const { opening, replies } = buildThread(loaded, messages.atFirst);
  const newestMessage = loaded.findLast((m) => m.deletedAt === null);
  // The whole thread is loaded only when the window reaches both ends; otherwise count on the server's number.
  const replyCount = messages.atFirst && messages.atNewest ? countReplies(replies) : Math.max(0, discussion.messageCount - 1);

  const listRef = useRef<HTMLDivElement>(null);
  const top = useRef<HTMLDivElement>(null);
  const bottom = useRef<HTMLDivElement>(null);
  const anchorRef = useRef<ScrollAnchor | null>(null);
  useScrollAnchor(listRef, messages.data, pendingScrollRef, anchorRef);
  useMarkRead(listRef, discussionId, loaded, viewer !== null);

  // Loading as the reader scrolls, one page at a time and never during a refetch or a jump.
  const nearTop = useNearViewport(top, PRELOAD_MARGIN, messages.hasPreviousPage);
  const nearBottom = useNearViewport(bottom, PRELOAD_MARGIN, messages.hasNextPage);
  const idle = messages.isSuccess && !messages.isFetching;
  const { fetchPreviousPage, fetchNextPage, hasPreviousPage, hasNextPage } = messages;
  useEffect(() => {
    if (pendingScrollRef.current) return;
    if (idle && nearTop && hasPreviousPage) void fetchPreviousPage();
    else if (idle && nearBottom && hasNextPage) void fetchNextPage();
  }, [idle, nearTop, nearBottom, hasPreviousPage, hasNextPage, fetchPreviousPage, fetchNextPage]);

  // A jump's scroll, once its window is there (declared after the anchor so it has the last word).
  useLayoutEffect(() => {
    const target = pendingScrollRef.current;
    if (!target || !messages.isSuccess || messages.isFetching) return;
    if (target.at === "first") window.scrollTo({ top: 0 });
    else if (target.at === "newest") {
      const cards = listRef.current?.querySelectorAll("li[data-message-id] > article");
      cards?.[cards.length - 1]?.scrollIntoView({ block: "center" });
    } else document.getElementById(`message-${target.id}`)?.scrollIntoView({ block: "start" });
    anchorRef.current = topmostVisible(listRef.current);
    pendingScrollRef.current = null;
  }, [jumps, messages.isSuccess, messages.isFetching, messages.data, anchorRef]);

  async function jump(target: JumpTarget) {
    // The first unread as the server has it now: this tab, or another device, may have read on.
    const id =
      target === "unread"
        ? await utils.reading.position
            .fetch({ discussionId }, { staleTime: 0 })
            .then((fresh) => fresh.firstUnreadMessageId)
            // Offline or refused: fall back to the position this page last knew.
            .catch(() => position.data?.firstUnreadMessageId ?? null)
        : null;
    if (target === "unread" && !id) return;
    const start: ThreadStart = id ? { at: "message", id } : target === "newest" ? { at: "newest" } : { at: "first" };
    const inWindow =
      (start.at === "first" && messages.atFirst) ||
      (start.at === "newest" && messages.atNewest) ||
      (start.at === "message" && loaded.some((m) => m.id === start.id));
    pendingScrollRef.current = start;
    setJumps((count) => count + 1);
    if (inWindow) return;
    const key = windowKey(discussionId, start);
    // A fresh window at the target: the one cached under that start may have slid elsewhere.
    if (hashKey(key) === hashKey(windowKey(discussionId, messages.start))) void queryClient.resetQueries({ queryKey: key, exact: true });
    else {
      queryClient.removeQueries({ queryKey: key, exact: true });
      messages.setStart(start);
    }
  }

  function showPosted(message: MessageView) {
    if (!messages.atNewest) {
      void jump("newest");
      return;
    }
    requestAnimationFrame(() => document.getElementById(`message-${message.id}`)?.scrollIntoView({ block: "nearest", behavior: "smooth" }));
  }


  return (
    <div>
      <DiscussionHeader discussion={discussion} liveStatus={live.status} />
      <AssistantPanel
        summary={summary}
        draft={draft}
        newestMessage={newestMessage}
        messages={loaded}
        discussionId={discussionId}
        open={discussion.status === "open"}
        onUseDraft={(text) => {
          setPrefill((previous) => ({ text, version: previous.version + 1 }));
          requestAnimationFrame(() => document.getElementById("composer")?.scrollIntoView({ block: "center", behavior: "smooth" }));
        }}
      />

      {messages.isError ? (
        <Alert className="mb-4">
          Could not load all messages. {errorMessage(messages.error)}{" "}
          <button type="button" className="font-medium underline" onClick={() => void messages.refetch()}>
            Try again
          </button>
        </Alert>
      ) : null}

      <div ref={listRef} data-testid="thread-window" data-at-first={messages.atFirst} data-at-newest={messages.atNewest}>
        {opening ? (
          <ol className="space-y-3" aria-label="Opening post">
            <MessageItem node={{ message: opening, replies: [] }} discussion={discussion} depth={0} isOpening />
          </ol>
        ) : null}

        <h2 className="mb-3 mt-8 text-sm font-semibold uppercase tracking-wide text-zinc-500">
          {replyCount === 0 ? "No replies yet" : `${replyCount} ${replyCount === 1 ? "reply" : "replies"}`}
        </h2>

        {messages.hasPreviousPage ? (
          <div ref={top} className="mb-3 flex justify-center">
            <Button variant="secondary" size="sm" onClick={() => void fetchPreviousPage()} disabled={messages.isFetchingPreviousPage}>
              {messages.isFetchingPreviousPage ? <Spinner label="Loading earlier messages" /> : null}
              Load earlier messages
            </Button>
          </div>
        ) : null}

        {messages.isPending ? (
          <div className="flex justify-center py-8">
            <Spinner label="Loading messages" />
          </div>
        ) : replies.length > 0 ? (
          <ol className="space-y-3" aria-label="Replies" data-testid="replies">
            {replies.map((node) => (
              <MessageItem key={node.message.id} node={node} discussion={discussion} depth={0} />
            ))}
          </ol>
        ) : null}

        {messages.hasNextPage ? (
          <div ref={bottom} className="mt-4 flex justify-center">
            <Button variant="secondary" size="sm" onClick={() => void fetchNextPage()} disabled={messages.isFetchingNextPage}>
              {messages.isFetchingNextPage ? <Spinner label="Loading newer messages" /> : null}
              Load newer messages
            </Button>
          </div>
        ) : null}
      </div>

      {discussion.messageCount > loaded.length || !messages.atFirst || !messages.atNewest ? (
        <JumpBar onJump={(target) => void jump(target)} hasUnread={Boolean(position.data?.firstUnreadMessageId)} busy={messages.isFetching} />
      ) : null}

      <div id="composer" className="mt-8 scroll-mt-24 border-t border-zinc-200 pt-6">
        {discussion.status === "open" ? <LockedNotice locked={discussion.locked} viewerIsModerator={isModerator(viewer)} /> : null}
        {discussion.status === "closed" ? (
          <Alert tone="info">This discussion is closed. It stays readable, but no new replies can be posted.</Alert>
        ) : viewer ? (
          <Composer key={prefill.version} discussionId={discussionId} onPosted={showPosted} initialBody={prefill.text} />
        ) : (
          <Alert tone="info">
            <Link href={`/sign-in?callbackUrl=${encodeURIComponent(`/discussions/${discussionId}`)}`} className="font-medium text-accent-700 underline">
              Sign in
            </Link>{" "}
            to join the discussion.
          </Alert>
        )}
      </div>
    </div>
  );
}
