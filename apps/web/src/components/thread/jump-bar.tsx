"use client";

import { Button } from "../ui/button";
import { Spinner } from "../ui/spinner";

export type JumpTarget = "first" | "unread" | "newest";

/**
 * First / first unread / newest, kept at hand while reading (Discourse's topic timeline does
 * the same on the side of long topics). "First unread" shows only when there is one.
 */
export function JumpBar({
  onJump,
  hasUnread,
  busy,
}: {
  onJump: (target: JumpTarget) => void;
  hasUnread: boolean;
  busy: boolean;
}) {
  return (
    <nav
      aria-label="Jump within the discussion"
      className="sticky bottom-4 z-10 mt-6 flex justify-end"
    >
      <div className="flex items-center gap-1 rounded-lg border border-zinc-200 bg-white/95 p-1 shadow-md backdrop-blur">
        {busy ? <Spinner label="Loading messages" /> : null}
        <Button variant="ghost" size="sm" onClick={() => onJump("first")}>
          First
        </Button>
        {hasUnread ? (
          <Button variant="ghost" size="sm" onClick={() => onJump("unread")}>
            First unread
          </Button>
        ) : null}
        <Button variant="ghost" size="sm" onClick={() => onJump("newest")}>
          Newest
        </Button>
      </div>
    </nav>
  );
}
