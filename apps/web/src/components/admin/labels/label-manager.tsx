"use client";

import { useState } from "react";
import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { useViewer } from "../../viewer";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { DeleteLabelButton } from "./delete-label-button";
import { LabelForm } from "./label-form";
import { type AdminLabel } from "./types";

const byName = (a: AdminLabel, b: AdminLabel) => a.name.localeCompare(b.name);

export function LabelManager({ initialLabels }: { initialLabels: AdminLabel[] }) {
  const isAdmin = useViewer()?.role === "admin";
  const utils = api.useUtils();
  const labels = api.label.list.useQuery(undefined, { initialData: initialLabels });
  const [editing, setEditing] = useState<{ labelId: string } | "new" | null>(null);

  function put(saved: AdminLabel) {
    utils.label.list.setData(undefined, (list = []) => [...list.filter((l) => l.id !== saved.id), saved].sort(byName));
    setEditing(null);
  }

  function remove(labelId: string) {
    utils.label.list.setData(undefined, (list = []) => list.filter((l) => l.id !== labelId));
  }

  return (
    <section aria-label="Label set">
      {!isAdmin ? (
        <Alert tone="info" className="mb-4">
          Only admins change the label set. Moderators apply labels from a discussion.
        </Alert>
      ) : editing === "new" ? (
        <div className="mb-4 rounded-xl border border-zinc-200 bg-white p-4 shadow-sm">
          <LabelForm onDone={put} onCancel={() => setEditing(null)} />
        </div>
      ) : (
        <div className="mb-4 flex justify-end">
          <Button size="sm" onClick={() => setEditing("new")}>
            New label
          </Button>
        </div>
      )}
      {labels.isError ? <Alert className="mb-4">Could not load labels. {errorMessage(labels.error)}</Alert> : null}
      {labels.data.length === 0 ? (
        <div className="rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-12 text-center text-sm text-zinc-600">No labels yet.</div>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white shadow-sm" data-testid="label-list">
          {labels.data.map((label) => (
            <li key={label.id} className="px-4 py-3">
              {typeof editing === "object" && editing?.labelId === label.id ? (
                <LabelForm label={label} onDone={put} onCancel={() => setEditing(null)} />
              ) : (
                <div className="flex items-start gap-3">
                  <span aria-hidden className="mt-1 size-3.5 shrink-0 rounded-full ring-1 ring-black/10" style={{ backgroundColor: label.color }} />
                  <div className="min-w-0 flex-1">
                    <p className="text-sm font-medium text-zinc-900">{label.name}</p>
                    <p className="text-sm text-zinc-600">{label.description || <span className="italic text-zinc-400">No description</span>}</p>
                  </div>
                  {isAdmin ? (
                    <div className="flex items-center gap-1">
                      <Button variant="ghost" size="xs" onClick={() => setEditing({ labelId: label.id })} aria-label={`Edit ${label.name}`}>
                        Edit
                      </Button>
                      <DeleteLabelButton label={label} onDeleted={() => remove(label.id)} />
                    </div>
                  ) : null}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
