"use client";

import Link from "next/link";
import { Avatar } from "../../ui/avatar";
import { Badge } from "../../ui/badge";
import { RelativeTime } from "../../ui/relative-time";
import { ReviewActions } from "./review-actions";
import { kindLabels, type ReviewItem } from "./types";

const flagReasons = { spam: "Spam", abuse: "Abuse", off_topic: "Off topic", other: "Other" } as const;
const EXCERPT_LENGTH = 600;

function excerpt(body: string): string {
  return body.length > EXCERPT_LENGTH ? `${body.slice(0, EXCERPT_LENGTH - 1)}…` : body;
}

export function ReviewCard({ item, onResolved }: { item: ReviewItem; onResolved: (item: ReviewItem) => void }) {
  const { message } = item;
  return (
    <li className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm" data-testid="review-item" data-review-id={item.id} data-kind={item.kind}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone={item.kind === "message_flagged" ? "amber" : item.kind === "account_rate_limited" ? "neutral" : "accent"}>{kindLabels[item.kind]}</Badge>
        {item.occurrences > 1 ? (
          <span title="How often this came back while the item was open">
            <Badge>{item.occurrences}×</Badge>
          </span>
        ) : null}
        {item.label !== null && item.score !== null ? (
          <span className="text-xs text-zinc-600" data-testid="review-score">
            {item.label} <span className="font-mono">{item.score.toFixed(2)}</span>
          </span>
        ) : null}
        <span className="ml-auto text-xs text-zinc-500">
          <RelativeTime iso={item.createdAt} />
        </span>
      </div>
      {item.reason ? <p className="mt-2 text-sm text-zinc-700">{item.reason}</p> : null}

      {message ? (
        <div className="mt-3 rounded-lg border border-zinc-200 bg-zinc-50 p-3">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-sm">
            <Avatar id={message.author.id} name={message.author.displayName} size="sm" />
            <span className="font-medium text-zinc-900">{message.author.displayName}</span>
            <span className="text-zinc-500">@{message.author.handle}</span>
            <span className="text-zinc-400">in</span>
            <Link href={`/discussions/${message.discussion.id}#message-${message.id}`} className="min-w-0 truncate font-medium text-accent-700 hover:underline">
              {message.discussion.title}
            </Link>
            {message.status !== "published" ? <Badge tone="amber">{message.status === "held" ? "Held" : "Rejected"}</Badge> : null}
            {message.deletedAt ? <Badge>Deleted</Badge> : null}
          </div>
          <p className="mt-2 whitespace-pre-wrap break-words text-sm leading-relaxed text-zinc-800" data-testid="review-excerpt">
            {message.deletedAt ? <span className="italic text-zinc-500">Deleted by its author</span> : excerpt(message.body)}
          </p>
        </div>
      ) : item.subject ? (
        <p className="mt-3 flex items-center gap-2 text-sm">
          <Avatar id={item.subject.id} name={item.subject.displayName} size="sm" />
          <span className="font-medium text-zinc-900">{item.subject.displayName}</span>
          <span className="text-zinc-500">@{item.subject.handle}</span>
          <Link href="/admin/users" className="ml-2 text-xs text-accent-700 hover:underline">
            Manage accounts
          </Link>
        </p>
      ) : null}

      {item.flags.length > 0 ? (
        <div className="mt-3">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-zinc-500">
            {item.flags.length} {item.flags.length === 1 ? "flag" : "flags"}
          </h3>
          <ul className="mt-1 space-y-1 text-sm">
            {item.flags.map((flag) => (
              <li key={flag.id} className="text-zinc-700">
                <Badge tone="amber">{flagReasons[flag.reason]}</Badge> <span className="font-medium">{flag.reporter.displayName}</span>
                {flag.note ? <span className="text-zinc-600">: {flag.note}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {item.status === "open" ? (
        <ReviewActions item={item} onResolved={onResolved} />
      ) : (
        <p className="mt-3 text-xs text-zinc-500">
          {item.resolution ?? item.status}
          {item.resolvedBy ? <> by {item.resolvedBy.displayName}</> : null}
          {item.resolvedAt ? (
            <>
              {" "}
              <RelativeTime iso={item.resolvedAt} />
            </>
          ) : null}
        </p>
      )}
    </li>
  );
}
