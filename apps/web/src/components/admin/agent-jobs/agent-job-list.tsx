"use client";

import { useState } from "react";
import type { RouterInputs, RouterOutputs } from "@parley/api";
import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { Spinner } from "../../ui/spinner";
import { AgentJobRow } from "./agent-job-row";

type JobsPage = RouterOutputs["moderation"]["agentJobs"];
type Filters = Pick<RouterInputs["moderation"]["agentJobs"], "status" | "type">;
type JobStatus = NonNullable<Filters["status"]>;
type JobType = NonNullable<Filters["type"]>;

const PAGE_SIZE = 50;
const statuses: JobStatus[] = ["queued", "running", "completed", "failed", "blocked"];
const types: { value: JobType; label: string }[] = [
  { value: "summary", label: "Summary" },
  { value: "draft_reply", label: "Reply draft" },
  { value: "classify", label: "Labels" },
];
const select = "h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm shadow-sm";

export function AgentJobList({ firstPage }: { firstPage: JobsPage }) {
  const utils = api.useUtils();
  const [filters, setFilters] = useState<Filters>({});
  const unfiltered = !filters.status && !filters.type;
  const jobs = api.moderation.agentJobs.useInfiniteQuery(
    { ...filters, limit: PAGE_SIZE },
    {
      getNextPageParam: (page) => page.nextCursor,
      ...(unfiltered ? { initialData: { pages: [firstPage], pageParams: [null] } } : {}),
    },
  );
  const items = jobs.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-label="Agent jobs">
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-2 text-sm text-zinc-700">
          Status
          <select
            className={select}
            value={filters.status ?? ""}
            onChange={(event) => {
              const status = statuses.find((s) => s === event.target.value);
              setFilters(({ type }) => ({ ...(type ? { type } : {}), ...(status ? { status } : {}) }));
            }}
          >
            <option value="">Any</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2 text-sm text-zinc-700">
          Type
          <select
            className={select}
            value={filters.type ?? ""}
            onChange={(event) => {
              const type = types.find((t) => t.value === event.target.value)?.value;
              setFilters(({ status }) => ({ ...(status ? { status } : {}), ...(type ? { type } : {}) }));
            }}
          >
            <option value="">Any</option>
            {types.map((type) => (
              <option key={type.value} value={type.value}>
                {type.label}
              </option>
            ))}
          </select>
        </label>
        <Button variant="ghost" size="sm" className="ml-auto" disabled={jobs.isFetching} onClick={() => void utils.moderation.agentJobs.invalidate()}>
          {jobs.isFetching ? "Refreshing…" : "Refresh"}
        </Button>
      </div>
      {jobs.isError ? <Alert className="mb-4">Could not load agent jobs. {errorMessage(jobs.error)}</Alert> : null}
      {jobs.isPending ? (
        <Spinner label="Loading agent jobs" />
      ) : items.length === 0 ? (
        <div className="rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-12 text-center text-sm text-zinc-600">No agent jobs.</div>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white shadow-sm" data-testid="agent-job-list">
          {items.map((job) => (
            <AgentJobRow key={job.id} job={job} />
          ))}
        </ul>
      )}
      {jobs.hasNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" onClick={() => void jobs.fetchNextPage()} disabled={jobs.isFetchingNextPage}>
            {jobs.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
