"use client";

import Link from "next/link";
import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { isModerator, useViewer } from "../viewer";
import { Alert } from "../ui/alert";
import { StatusBadge } from "../ui/badge";
import { Button } from "../ui/button";
import { RelativeTime } from "../ui/relative-time";
import { LiveIndicator } from "../live-indicator";
import { LockedBadge } from "../moderation/locked-badge";
import { LockToggle } from "../moderation/lock-toggle";
import { type Discussion } from "./types";
import { useThreadCache } from "./use-thread-cache";

type SubscriptionStatus = Parameters<typeof LiveIndicator>[0]["status"];

export function DiscussionHeader({ discussion, liveStatus }: { discussion: Discussion; liveStatus: SubscriptionStatus }) {
  const viewer = useViewer();
  const cache = useThreadCache(discussion.id);
  const update = api.discussion.update.useMutation({ onSuccess: (updated) => cache.putDiscussion(updated) });
  const canChange = viewer !== null && (viewer.id === discussion.createdBy.id || isModerator(viewer));
  const open = discussion.status === "open";

  return (
    <div className="mb-6">
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link href="/" className="text-zinc-500 hover:text-zinc-900">
          ← All discussions
        </Link>
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h1 className="min-w-0 flex-1 text-2xl font-semibold leading-tight tracking-tight text-zinc-900 sm:text-[1.7rem]">
          {discussion.title}
        </h1>
        <LockToggle discussion={discussion} />
        {canChange ? (
          <Button
            variant="secondary"
            size="sm"
            disabled={update.isPending}
            onClick={() => update.mutate({ id: discussion.id, status: open ? "closed" : "open" })}
          >
            {update.isPending ? "Saving…" : open ? "Close discussion" : "Reopen discussion"}
          </Button>
        ) : null}
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-zinc-500">
        <span data-testid="discussion-status">
          <StatusBadge status={discussion.status} />
        </span>
        <LockedBadge locked={discussion.locked} />
        <span>
          Started by <span className="font-medium text-zinc-700">{discussion.createdBy.displayName}</span>{" "}
          <RelativeTime iso={discussion.createdAt} />
        </span>
        <span>
          {discussion.messageCount} {discussion.messageCount === 1 ? "message" : "messages"}
        </span>
        <span className="ml-auto">
          <LiveIndicator status={liveStatus} />
        </span>
      </div>
      {update.error ? <Alert className="mt-3">{errorMessage(update.error)}</Alert> : null}
    </div>
  );
}
