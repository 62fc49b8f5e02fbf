"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { cn } from "../../ui/cn";
import { kindLabels, type ReviewFilter, reviewFilterHref, reviewKinds, reviewStatuses, statusLabels } from "./types";

export function ReviewFilters({ filter }: { filter: ReviewFilter }) {
  const router = useRouter();
  return (
    <div className="flex flex-wrap items-center gap-3">
      <nav aria-label="Filter by status" className="inline-flex rounded-lg border border-zinc-200 bg-white p-0.5 shadow-sm">
        {reviewStatuses.map((status) => {
          const active = status === filter.status;
          return (
            <Link
              key={status}
              href={reviewFilterHref({ ...filter, status })}
              aria-current={active ? "page" : undefined}
              className={cn(
                "rounded-md px-3 py-1.5 text-sm font-medium transition-colors",
                active ? "bg-zinc-900 text-white" : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900",
              )}
            >
              {statusLabels[status]}
            </Link>
          );
        })}
      </nav>
      <label className="flex items-center gap-2 text-sm text-zinc-700">
        Kind
        <select
          value={filter.kind ?? ""}
          onChange={(event) => {
            const kind = reviewKinds.find((k) => k === event.target.value) ?? null;
            router.push(reviewFilterHref({ ...filter, kind }));
          }}
          className="h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm shadow-sm"
        >
          <option value="">Every kind</option>
          {reviewKinds.map((kind) => (
            <option key={kind} value={kind}>
              {kindLabels[kind]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
