"use client";

import { type SubmitEvent, useState } from "react";
import { api } from "~/trpc/react";
import { errorMessage, fieldErrors } from "~/trpc/errors";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { TextField } from "../../ui/field";
import { formText } from "../../ui/form-data";
import { type AdminLabel } from "./types";

const DEFAULT_COLOR = "#64748b";

/** Creates a label, or edits `label` when given. */
export function LabelForm({ label, onDone, onCancel }: { label?: AdminLabel; onDone: (saved: AdminLabel) => void; onCancel?: () => void }) {
  const [color, setColor] = useState(label?.color ?? DEFAULT_COLOR);
  const save = api.label.save.useMutation({ onSuccess: onDone });

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    save.mutate({
      ...(label ? { id: label.id } : {}),
      name: formText(form, "name"),
      color,
      description: formText(form, "description"),
    });
  }

  const fields = fieldErrors(save.error);
  const otherError = save.error && !fields.name && !fields.color && !fields.description ? errorMessage(save.error) : null;

  return (
    <form onSubmit={onSubmit} aria-label={label ? `Edit label ${label.name}` : "New label"} className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-[1fr_auto]">
        <TextField label="Name" name="name" defaultValue={label?.name ?? ""} required maxLength={40} error={fields.name} autoFocus={Boolean(label)} />
        <div>
          <label htmlFor={label ? `color-${label.id}` : "color-new"} className="mb-1.5 block text-sm font-medium text-zinc-800">
            Colour
          </label>
          <div className="flex items-center gap-2">
            <input
              id={label ? `color-${label.id}` : "color-new"}
              type="color"
              value={color}
              onChange={(event) => setColor(event.target.value)}
              className="h-9 w-12 cursor-pointer rounded-md border border-zinc-300 bg-white p-0.5"
            />
            <code className="text-xs text-zinc-600">{color}</code>
          </div>
          {fields.color ? <p className="mt-1.5 text-sm text-red-700">{fields.color}</p> : null}
        </div>
      </div>
      <TextField
        label="Description"
        name="description"
        defaultValue={label?.description ?? ""}
        maxLength={300}
        error={fields.description}
        hint="What belongs under this label. The classifier reads it."
      />
      {otherError ? <Alert>{otherError}</Alert> : null}
      <div className="flex justify-end gap-2">
        {onCancel ? (
          <Button variant="ghost" size="sm" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
        <Button type="submit" size="sm" disabled={save.isPending}>
          {save.isPending ? "Saving…" : label ? "Save label" : "Create label"}
        </Button>
      </div>
    </form>
  );
}
