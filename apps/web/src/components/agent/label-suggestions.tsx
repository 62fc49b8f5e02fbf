"use client";

import { useState } from "react";
import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { isModerator, useViewer } from "../viewer";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Spinner } from "../ui/spinner";
import { type AgentJob, isActive } from "../thread/agent-types";
import { useAgentJob } from "../thread/use-agent-job";

type ClassifyResult = Extract<NonNullable<AgentJob["result"]>, { labels: unknown }>;
type Decision = "accepted" | "rejected";

const classifyOf = (job: AgentJob | undefined): ClassifyResult | null => (job?.result && "labels" in job.result ? job.result : null);

/** Label and assignee suggestions for a thread. Moderators apply a label; others only note their choice locally. */
export function LabelSuggestions({ discussionId }: { discussionId: string }) {
  const viewer = useViewer();
  const state = useAgentJob(discussionId, "classify");
  const { job } = state;
  const result = classifyOf(job);
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const canApply = isModerator(viewer);
  const apply = api.label.add.useMutation();

  function accept(labelId: string) {
    setDecisions((previous) => ({ ...previous, [labelId]: "accepted" }));
    if (canApply) apply.mutate({ discussionId, labelId });
  }

  return (
    <div className="mt-4 border-t border-accent-100 pt-3" data-testid="label-suggestions">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-zinc-500">Labels</h3>
        <div className="flex items-center gap-2">
          {result?.provider.offline ? <Badge tone="amber">Offline provider</Badge> : null}
          {viewer && (!job || !isActive(job)) ? (
            <Button variant="secondary" size="sm" onClick={state.request} disabled={state.requesting}>
              {result ? "Suggest again" : "Suggest labels"}
            </Button>
          ) : null}
        </div>
      </div>
      {job && isActive(job) ? (
        <p className="mt-2 flex items-center gap-2 text-sm text-zinc-600">
          <Spinner label="Suggesting labels" /> {job.status === "queued" ? "Queued, waiting for the assistant…" : "Running…"}
        </p>
      ) : job?.status === "blocked" ? (
        <Alert tone="warning" className="mt-2">Blocked: {job.error ?? "the request was blocked by moderation."}</Alert>
      ) : job && (job.status === "failed" || !result) ? (
        <Alert className="mt-2">Failed: {job.error ?? "the assistant could not finish. Try again."}</Alert>
      ) : result ? (
        <div className="mt-2 space-y-2">
          {result.labels.length === 0 ? <p className="text-sm text-zinc-600">No label fits this thread.</p> : null}
          <ul className="space-y-2">
            {result.labels.map((label) => {
              const decision = label.applied ? "accepted" : decisions[label.labelId];
              const percent = Math.round(label.confidence * 100);
              return (
                <li key={label.labelId} className="flex flex-wrap items-center gap-3 text-sm" data-testid="label-suggestion">
                  <span className="w-32 truncate font-medium text-zinc-800">{label.name}</span>
                  <span
                    role="meter"
                    aria-label={`Confidence for ${label.name}`}
                    aria-valuenow={percent}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    className="h-1.5 w-28 overflow-hidden rounded-full bg-zinc-200"
                  >
                    <span className="block h-full rounded-full bg-accent-600" style={{ width: `${percent}%` }} />
                  </span>
                  <span className="w-10 text-xs tabular-nums text-zinc-500">{percent}%</span>
                  {decision ? (
                    <Badge tone={decision === "accepted" ? "open" : "neutral"}>
                      {label.applied ? "Applied automatically" : decision === "accepted" ? (canApply ? "Applied" : "Accepted (a moderator applies it)") : "Rejected"}
                    </Badge>
                  ) : viewer ? (
                    <span className="flex gap-1">
                      <Button size="sm" variant="secondary" onClick={() => accept(label.labelId)}>
                        Accept
                      </Button>
                      <Button size="sm" variant="secondary" onClick={() => setDecisions((previous) => ({ ...previous, [label.labelId]: "rejected" }))}>
                        Reject
                      </Button>
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ul>
          {result.suggestedAssignee ? (
            <p className="text-sm text-zinc-700">
              Suggested {result.suggestedAssignee.kind === "team" ? "team" : "assignee"}: <span className="font-medium">{result.suggestedAssignee.name}</span>
              <span className="text-zinc-500"> · {result.suggestedAssignee.reason}</span>
            </p>
          ) : null}
        </div>
      ) : (
        <p className="mt-1 text-sm text-zinc-600">Labels that may fit this thread, with how sure the assistant is.</p>
      )}
      {state.requestError ? <Alert className="mt-2">{errorMessage(state.requestError)}</Alert> : null}
      {apply.error ? <Alert className="mt-2">Could not apply the label: {errorMessage(apply.error)}</Alert> : null}
    </div>
  );
}
