"use client";

import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { Alert } from "../ui/alert";
import { RelativeTime } from "../ui/relative-time";
import { Spinner } from "../ui/spinner";
import { type MessageView } from "./types";

/** Earlier versions of a message, newest first, under the current one. */
export function MessageHistory({ message, id }: { message: MessageView; id: string }) {
  const history = api.message.history.useQuery({ id: message.id });
  return (
    <section id={id} aria-label="Edit history" className="mt-3 rounded-lg border border-zinc-200 bg-zinc-50 p-3">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-zinc-500">Edit history</h4>
      {history.isPending ? (
        <div className="mt-2 flex items-center gap-2 text-sm text-zinc-500">
          <Spinner label="Loading edit history" /> Loading…
        </div>
      ) : history.isError ? (
        <Alert className="mt-2">{errorMessage(history.error)}</Alert>
      ) : history.data.revisions.length === 0 ? (
        <p className="mt-2 text-sm text-zinc-500">No earlier versions.</p>
      ) : (
        <ol className="mt-2 space-y-2" data-testid="history">
          {history.data.revisions.map((revision, index) => (
            <li key={revision.id} className="rounded-md border border-zinc-200 bg-white p-2.5">
              <p className="text-xs text-zinc-500">
                Version {history.data.revisions.length - index} · replaced <RelativeTime iso={revision.createdAt} /> by{" "}
                {revision.editedBy.displayName}
              </p>
              <p className="mt-1 whitespace-pre-wrap break-words text-sm text-zinc-700">{revision.body}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
