"use client";

import { useState } from "react";
import { type Viewer } from "../viewer";

/**
 * A suspended member may read but not write: say why and until when. auth.me re-reads the status
 * on every request, so the banner goes once the suspension ends or is lifted.
 */
export function SuspendedBanner({ viewer }: { viewer: Viewer | null }) {
  // When the page was rendered: an expired suspension no longer limits anything.
  const [now] = useState(Date.now);
  if (viewer?.status !== "suspended") return null;
  const until = viewer.suspendedUntil ? new Date(viewer.suspendedUntil) : null;
  if (until && until.getTime() <= now) return null;
  return (
    <div role="status" data-testid="suspended-banner" className="border-t border-amber-200 bg-amber-50">
      <p className="mx-auto max-w-4xl px-4 py-2 text-sm text-amber-900 sm:px-6">
        <strong className="font-semibold">Your account is suspended</strong>{" "}
        {until ? (
          <>
            until{" "}
            <time dateTime={until.toISOString()} suppressHydrationWarning>
              {until.toLocaleString("en", { dateStyle: "medium", timeStyle: "short" })}
            </time>
          </>
        ) : (
          "until a moderator lifts it"
        )}
        . You can read, but not post, edit or flag.{viewer.statusReason ? ` Reason: ${viewer.statusReason}` : ""}
      </p>
    </div>
  );
}
