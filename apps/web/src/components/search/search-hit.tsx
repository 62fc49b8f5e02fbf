import Link from "next/link";
import { Avatar } from "../ui/avatar";
import { StatusBadge } from "../ui/badge";
import { RelativeTime } from "../ui/relative-time";
import { HighlightedText } from "./highlighted-text";
import { hitHref, type SearchHit } from "./params";

export function SearchHitItem({ hit }: { hit: SearchHit }) {
  return (
    <li
      className="group relative flex gap-3 px-4 py-4 transition-colors hover:bg-zinc-50 sm:px-5"
      data-testid="search-result"
      data-kind={hit.kind}
      data-result-id={hit.id}
    >
      <Avatar id={hit.author.id} name={hit.author.displayName} size="sm" />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <h2 className="min-w-0 text-[15px] font-semibold leading-snug text-zinc-900" data-testid="search-result-title">
            <Link href={hitHref(hit)} className="after:absolute after:inset-0 group-hover:text-accent-700" data-testid="search-result-link">
              <HighlightedText segments={hit.discussion.titleSegments} />
            </Link>
          </h2>
          {hit.discussion.status === "closed" ? <StatusBadge status="closed" /> : null}
          {hit.discussion.labels.map((label) => (
            <span
              key={label.id}
              className="rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ring-zinc-200"
              style={{ color: label.color }}
            >
              {label.name}
            </span>
          ))}
        </div>
        {hit.snippet.length > 0 ? (
          <p className="mt-1 line-clamp-3 whitespace-pre-line break-words text-sm text-zinc-700" data-testid="search-result-snippet">
            <HighlightedText segments={hit.snippet} />
          </p>
        ) : null}
        <p className="mt-1 text-xs text-zinc-500">
          {hit.kind === "discussion" ? "Discussion started by " : "Message by "}
          {hit.author.displayName} <span className="text-zinc-400">@{hit.author.handle}</span>
          <span aria-hidden> · </span>
          <RelativeTime iso={hit.createdAt} />
        </p>
      </div>
    </li>
  );
}
