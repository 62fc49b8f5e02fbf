import { Badge } from "../ui/badge";

/** A locked discussion takes new messages and edits from moderators only. */
export function LockedBadge({ locked }: { locked: boolean }) {
  if (!locked) return null;
  return (
    <span data-testid="discussion-locked" title="Locked by a moderator: only moderators can post or edit">
      <Badge tone="amber">
        <svg aria-hidden viewBox="0 0 16 16" className="size-3 fill-current">
          <path d="M5 7V5a3 3 0 1 1 6 0v2h.5A1.5 1.5 0 0 1 13 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 3 13.5v-5A1.5 1.5 0 0 1 4.5 7H5Zm1.5 0h3V5a1.5 1.5 0 0 0-3 0v2Z" />
        </svg>
        Locked
      </Badge>
    </span>
  );
}

/** Above the composer: members learn why they cannot reply; moderators that they still can. */
export function LockedNotice({ locked, viewerIsModerator }: { locked: boolean; viewerIsModerator: boolean }) {
  if (!locked) return null;
  return (
    <p role="status" className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2.5 text-sm text-amber-900">
      {viewerIsModerator
        ? "This discussion is locked. As a moderator you can still post and edit."
        : "This discussion is locked by a moderator. It stays readable, but only moderators can post."}
    </p>
  );
}
