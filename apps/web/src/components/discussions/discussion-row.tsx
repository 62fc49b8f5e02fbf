import Link from "next/link";
import { Avatar } from "../ui/avatar";
import { StatusBadge } from "../ui/badge";
import { RelativeTime } from "../ui/relative-time";
import { type DiscussionSummary } from "./types";

export function DiscussionRow({ discussion }: { discussion: DiscussionSummary }) {
  const replies = discussion.messageCount - 1;
  return (
    <li className="group relative flex gap-3 px-4 py-4 transition-colors hover:bg-zinc-50 sm:px-5">
      <Avatar id={discussion.createdBy.id} name={discussion.createdBy.displayName} />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <h2 className="min-w-0 text-[15px] font-semibold leading-snug text-zinc-900">
            <Link href={`/discussions/${discussion.id}`} className="after:absolute after:inset-0 group-hover:text-accent-700">
              {discussion.title}
            </Link>
          </h2>
          {discussion.status === "closed" ? <StatusBadge status="closed" /> : null}
          {discussion.labels.map((label) => (
            <span
              key={label.id}
              className="rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ring-zinc-200"
              style={{ color: label.color }}
            >
              {label.name}
            </span>
          ))}
        </div>
        <p className="mt-1 text-sm text-zinc-500">
          {discussion.createdBy.displayName} started <RelativeTime iso={discussion.createdAt} />
          <span aria-hidden> · </span>
          last activity <RelativeTime iso={discussion.lastActivityAt} />
        </p>
      </div>
      <div className="flex shrink-0 items-start gap-1 pt-0.5 text-sm text-zinc-500" title={`${replies} ${replies === 1 ? "reply" : "replies"}`}>
        <svg aria-hidden viewBox="0 0 20 20" className="mt-0.5 size-4 fill-none stroke-current" strokeWidth="1.6">
          <path d="M3.5 5.5a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H9l-3.5 3v-3h0a2 2 0 0 1-2-2z" />
        </svg>
        <span className="tabular-nums">{replies}</span>
        <span className="sr-only">{replies === 1 ? "reply" : "replies"}</span>
      </div>
    </li>
  );
}
