"use client";

import { type SubmitEvent, useState } from "react";
import type { RouterInputs, RouterOutputs } from "@parley/api";
import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { formText } from "../../ui/form-data";
import { RelativeTime } from "../../ui/relative-time";
import { Spinner } from "../../ui/spinner";
import { AuditDiff } from "./audit-diff";

type AuditPage = RouterOutputs["moderation"]["auditLog"];
type AuditEntry = AuditPage["items"][number];
type Filters = Pick<RouterInputs["moderation"]["auditLog"], "action" | "targetType" | "targetId" | "actorId">;

const PAGE_SIZE = 50;
// Suggestions only: the filter takes any action name the server writes.
const knownActions = [
  "account.suspended",
  "account.banned",
  "account.reinstated",
  "account.roleChanged",
  "discussion.locked",
  "discussion.unlocked",
  "discussion.updated",
  "message.deleted",
  "review.approve",
  "review.reject",
  "review.redact",
  "review.edit",
  "review.dismiss",
  "label.created",
  "label.updated",
  "label.deleted",
  "agent.job.retried",
  "settings.rateLimits.updated",
  "settings.styleGuide",
  "settings.moderationPolicy",
];
const input = "block h-9 w-full rounded-md border border-zinc-300 bg-white px-2.5 text-sm shadow-sm focus:border-accent-500 focus:outline-none focus:ring-2 focus:ring-accent-500/30";

export function AuditLog({ firstPage }: { firstPage: AuditPage }) {
  const [filters, setFilters] = useState<Filters>({});
  const [actorName, setActorName] = useState<string | null>(null);
  const unfiltered = Object.keys(filters).length === 0;
  const log = api.moderation.auditLog.useInfiniteQuery(
    { ...filters, limit: PAGE_SIZE },
    {
      getNextPageParam: (page) => page.nextCursor,
      ...(unfiltered ? { initialData: { pages: [firstPage], pageParams: [null] } } : {}),
    },
  );

  function onFilter(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const action = formText(form, "action").trim();
    const targetType = formText(form, "targetType").trim();
    const targetId = formText(form, "targetId").trim();
    setFilters((current) => ({
      ...(current.actorId ? { actorId: current.actorId } : {}),
      ...(action ? { action } : {}),
      ...(targetType ? { targetType } : {}),
      ...(targetId ? { targetId } : {}),
    }));
  }

  function byActor(entry: AuditEntry) {
    if (!entry.actor) return;
    const actorId = entry.actor.id;
    setActorName(entry.actor.displayName);
    setFilters((current) => ({ ...current, actorId }));
  }

  const items = log.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-label="Audit log">
      <form onSubmit={onFilter} aria-label="Filter the audit log" className="mb-4 grid gap-2 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end">
        <label className="text-sm font-medium text-zinc-800">
          Action
          <input name="action" list="audit-actions" className={`${input} mt-1`} placeholder="any" maxLength={100} />
          <datalist id="audit-actions">
            {knownActions.map((action) => (
              <option key={action} value={action} />
            ))}
          </datalist>
        </label>
        <label className="text-sm font-medium text-zinc-800">
          Target type
          <input name="targetType" list="audit-target-types" className={`${input} mt-1`} placeholder="any" maxLength={50} />
          <datalist id="audit-target-types">
            {["user", "discussion", "message", "label", "review_item", "agent_job", "site_setting"].map((type) => (
              <option key={type} value={type} />
            ))}
          </datalist>
        </label>
        <label className="text-sm font-medium text-zinc-800">
          Target id
          <input name="targetId" className={`${input} mt-1`} placeholder="any" maxLength={100} />
        </label>
        <Button type="submit" variant="secondary" size="sm" className="h-9">
          Filter
        </Button>
      </form>
      {filters.actorId ? (
        <p className="mb-3 flex items-center gap-2 text-sm text-zinc-700">
          Actions by <span className="font-medium">{actorName}</span>
          <Button
            variant="ghost"
            size="xs"
            onClick={() =>
              setFilters((current) => {
                const { actorId: _removed, ...rest } = current;
                return rest;
              })
            }
          >
            Show everyone
          </Button>
        </p>
      ) : null}

      {log.isError ? <Alert className="mb-4">Could not load the audit log. {errorMessage(log.error)}</Alert> : null}
      {log.isPending ? (
        <Spinner label="Loading the audit log" />
      ) : items.length === 0 ? (
        <div className="rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-12 text-center text-sm text-zinc-600">No entries.</div>
      ) : (
        <ol className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white shadow-sm" data-testid="audit-list">
          {items.map((entry) => (
            <li key={entry.id} className="grid gap-2 px-4 py-3 sm:grid-cols-[11rem_1fr]">
              <div className="text-sm">
                <p className="font-mono text-xs font-medium text-zinc-900">{entry.action}</p>
                <p className="mt-0.5 text-xs text-zinc-500">
                  <RelativeTime iso={entry.createdAt} />
                </p>
                <p className="mt-0.5 text-xs text-zinc-600">
                  by{" "}
                  {entry.actor ? (
                    <button type="button" className="font-medium underline decoration-dotted underline-offset-2 hover:text-zinc-900" onClick={() => byActor(entry)}>
                      {entry.actor.displayName}
                    </button>
                  ) : (
                    <span className="italic">the system</span>
                  )}
                </p>
              </div>
              <div className="min-w-0">
                <p className="mb-1 truncate text-xs text-zinc-500">
                  {entry.targetType} <code className="text-zinc-600">{entry.targetId}</code>
                </p>
                <AuditDiff before={entry.before} after={entry.after} />
              </div>
            </li>
          ))}
        </ol>
      )}
      {log.hasNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
            {log.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
