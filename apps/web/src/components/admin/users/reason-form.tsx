"use client";

import { type ReactNode, type SubmitEvent, useState } from "react";
import { Button } from "../../ui/button";
import { TextField } from "../../ui/field";

/** An action that needs a reason the member will see (suspend, ban, reject). */
export function ReasonForm({
  label,
  submitLabel,
  pending,
  danger = false,
  onSubmit,
  onCancel,
  children,
}: {
  label: string;
  submitLabel: string;
  pending: boolean;
  danger?: boolean;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
  children?: ReactNode;
}) {
  const [reason, setReason] = useState("");
  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reason.trim()) onSubmit(reason.trim());
  }
  return (
    <form onSubmit={submit} aria-label={label} className="mt-3 space-y-2 rounded-lg border border-zinc-200 bg-zinc-50 p-3">
      {children}
      <TextField label="Reason" value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} required autoFocus hint="The member sees this." />
      <div className="flex justify-end gap-2">
        <Button variant="ghost" size="sm" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" size="sm" variant={danger ? "danger" : "primary"} disabled={pending || !reason.trim()}>
          {pending ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
