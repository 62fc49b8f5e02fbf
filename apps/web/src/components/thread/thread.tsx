"use client";

import Link from "next/link";
import { useState } from "react";
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
import { allMessages } from "./message-cache";
import { MessageItem } from "./message-item";
import { buildThread, countReplies } from "./message-tree";
import { type Discussion, type MessagePage, type MessageView } from "./types";
import { useAgentJob } from "./use-agent-job";
import { useThreadCache } from "./use-thread-cache";

export function Thread({ initialDiscussion, firstPage }: { initialDiscussion: Discussion; firstPage: MessagePage }) {
  const discussionId = initialDiscussion.id;
  const viewer = useViewer();
  const cache = useThreadCache(discussionId);
  const utils = api.useUtils();
  const summary = useAgentJob(discussionId, "summary");
  const draft = useAgentJob(discussionId, "draft_reply");
  const [prefill, setPrefill] = useState({ text: "", version: 0 });
  const discussionQuery = api.discussion.get.useQuery({ id: discussionId }, { initialData: initialDiscussion });
  const messages = api.message.list.useInfiniteQuery(cache.listInput, {
    getNextPageParam: (page) => page.nextCursor,
    initialData: { pages: [firstPage], pageParams: [null] },
  });

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
  const loaded = allMessages(messages.data);
  const { opening, replies } = buildThread(loaded);
  const newestMessage = loaded.findLast((m) => m.deletedAt === null);
  const replyCount = countReplies(replies);

  function showPosted(message: MessageView) {
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

      <ol className="space-y-3" aria-label="Opening post">
        {opening ? <MessageItem node={{ message: opening, replies: [] }} discussion={discussion} depth={0} isOpening /> : null}
      </ol>

      <h2 className="mb-3 mt-8 text-sm font-semibold uppercase tracking-wide text-zinc-500">
        {replyCount === 0 ? "No replies yet" : `${replyCount} ${replyCount === 1 ? "reply" : "replies"}`}
      </h2>
      {replies.length > 0 ? (
        <ol className="space-y-3" aria-label="Replies" data-testid="replies">
          {replies.map((node) => (
            <MessageItem key={node.message.id} node={node} discussion={discussion} depth={0} />
          ))}
        </ol>
      ) : null}

      {messages.hasNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" onClick={() => void messages.fetchNextPage()} disabled={messages.isFetchingNextPage}>
            {messages.isFetchingNextPage ? <Spinner label="Loading more messages" /> : null}
            Load more messages
          </Button>
        </div>
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
