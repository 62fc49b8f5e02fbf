"use client";

import Link from "next/link";
import type { RouterOutputs } from "@parley/api";
import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { Alert } from "../../ui/alert";
import { Badge } from "../../ui/badge";
import { Button } from "../../ui/button";
import { cn } from "../../ui/cn";
import { RelativeTime } from "../../ui/relative-time";

type Job = RouterOutputs["moderation"]["agentJobs"]["items"][number];

const typeLabels: Record<Job["type"], string> = { summary: "Summary", draft_reply: "Reply draft", classify: "Labels" };
const statusTones: Record<Job["status"], string> = {
  queued: "bg-zinc-100 text-zinc-700 ring-zinc-200",
  running: "bg-sky-50 text-sky-800 ring-sky-200",
  completed: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  failed: "bg-red-50 text-red-800 ring-red-200",
  blocked: "bg-amber-50 text-amber-800 ring-amber-200",
};

export function AgentJobRow({ job }: { job: Job }) {
  const utils = api.useUtils();
  const retry = api.agent.retry.useMutation({ onSuccess: () => void utils.moderation.agentJobs.invalidate() });
  const retryable = job.status === "failed" || job.status === "blocked";

  return (
    <li className="px-4 py-3" data-testid="agent-job" data-status={job.status}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge className={cn(statusTones[job.status])}>{job.status}</Badge>
        <span className="font-medium text-zinc-900">{typeLabels[job.type]}</span>
        <span className="text-zinc-400">in</span>
        <Link href={`/discussions/${job.discussionId}`} className="min-w-0 truncate text-accent-700 hover:underline">
          {job.discussionTitle}
        </Link>
        <span className="ml-auto text-xs text-zinc-500">
          by {job.requestedBy.displayName} · <RelativeTime iso={job.createdAt} />
        </span>
      </div>
      {job.error ? <p className="mt-1.5 break-words text-sm text-red-800">{job.error}</p> : null}
      {retryable ? (
        <div className="mt-2 flex items-center gap-2">
          <Button variant="secondary" size="xs" disabled={retry.isPending || retry.isSuccess} onClick={() => retry.mutate({ jobId: job.id })}>
            {retry.isPending ? "Retrying…" : retry.isSuccess ? "Queued again" : "Retry"}
          </Button>
          {retry.data && !retry.data.created ? <span className="text-xs text-zinc-500">It was already retried; that job is listed above.</span> : null}
        </div>
      ) : null}
      {retry.error ? <Alert className="mt-2">{errorMessage(retry.error)}</Alert> : null}
    </li>
  );
}
