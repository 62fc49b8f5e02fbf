"use client";

import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { isModerator, useViewer } from "../viewer";
import { Button } from "../ui/button";
import { type Discussion } from "../thread/types";
import { useThreadCache } from "../thread/use-thread-cache";

/** Moderators lock a discussion (only moderators post in it) or unlock it, from its header. */
export function LockToggle({ discussion }: { discussion: Discussion }) {
  const viewer = useViewer();
  const cache = useThreadCache(discussion.id);
  const lock = api.moderation.lockDiscussion.useMutation({ onSuccess: (updated) => cache.putDiscussion(updated) });
  const unlock = api.moderation.unlockDiscussion.useMutation({ onSuccess: (updated) => cache.putDiscussion(updated) });
  if (!isModerator(viewer)) return null;
  const pending = lock.isPending || unlock.isPending;
  const error = lock.error ?? unlock.error;
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        disabled={pending}
        onClick={() => (discussion.locked ? unlock : lock).mutate({ discussionId: discussion.id })}
        title={error ? errorMessage(error) : discussion.locked ? "Let members post again" : "Only moderators will be able to post"}
      >
        {pending ? "Saving…" : discussion.locked ? "Unlock" : "Lock"}
      </Button>
      {error ? (
        <span role="alert" className="text-sm text-red-700">
          {errorMessage(error)}
        </span>
      ) : null}
    </>
  );
}
