"use client";

import { useState } from "react";
import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { Button } from "../../ui/button";
import { type AdminLabel } from "./types";

/** Deleting a label removes it from every discussion: ask once more before doing it. */
export function DeleteLabelButton({ label, onDeleted }: { label: AdminLabel; onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const remove = api.label.delete.useMutation({ onSuccess: onDeleted });
  if (!confirming) {
    return (
      <Button variant="ghost" size="xs" className="hover:text-red-700" onClick={() => setConfirming(true)} aria-label={`Delete ${label.name}`}>
        Delete
      </Button>
    );
  }
  return (
    <span className="flex flex-wrap items-center gap-1 text-xs text-red-900" role="group" aria-label={`Confirm deleting ${label.name}`}>
      <span>{remove.error ? errorMessage(remove.error) : "Remove it from every discussion?"}</span>
      <Button variant="ghost" size="xs" onClick={() => setConfirming(false)}>
        Keep
      </Button>
      <Button variant="danger" size="xs" disabled={remove.isPending} onClick={() => remove.mutate({ id: label.id })}>
        {remove.isPending ? "Deleting…" : "Delete"}
      </Button>
    </span>
  );
}
