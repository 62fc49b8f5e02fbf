"use client";

import { type SubmitEvent, useState } from "react";
import { api } from "~/trpc/react";
import { errorMessage, fieldErrors } from "~/trpc/errors";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { TextField } from "../../ui/field";
import { formText } from "../../ui/form-data";
import { type WebhookEndpoint, type WebhookEventType, type WebhookEventTypeInfo } from "./types";

/** Creates an endpoint (and hands back its secret), or edits `endpoint`'s URL, description and event types. */
export function EndpointForm({
  endpoint,
  eventTypes,
  onCreated,
  onSaved,
  onCancel,
}: {
  endpoint?: WebhookEndpoint;
  eventTypes: WebhookEventTypeInfo[];
  onCreated?: (endpoint: WebhookEndpoint, secret: string) => void;
  onSaved?: (endpoint: WebhookEndpoint) => void;
  onCancel: () => void;
}) {
  const [selected, setSelected] = useState<Set<string>>(new Set(endpoint?.eventTypes ?? ["message.created"]));
  const create = api.webhook.create.useMutation({ onSuccess: (r) => onCreated?.(r.endpoint, r.secret) });
  const update = api.webhook.update.useMutation({ onSuccess: (r) => onSaved?.(r) });
  const mutation = endpoint ? update : create;

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const chosen = eventTypes.map((t) => t.type).filter((t): t is WebhookEventType => selected.has(t));
    const fields = { url: formText(form, "url"), description: formText(form, "description"), eventTypes: chosen };
    if (endpoint) update.mutate({ id: endpoint.id, ...fields });
    else create.mutate(fields);
  }

  const fields = fieldErrors(mutation.error);
  const otherError = mutation.error && !fields.url && !fields.description ? errorMessage(mutation.error) : null;

  return (
    <form onSubmit={onSubmit} aria-label={endpoint ? "Edit webhook endpoint" : "New webhook endpoint"} className="space-y-3">
      <TextField
        label="URL"
        name="url"
        type="url"
        required
        defaultValue={endpoint?.url ?? ""}
        placeholder="https://example.com/parley-webhooks"
        error={fields.url}
        hint="https only, unless private targets are allowed for local development below."
      />
      <TextField label="Description" name="description" maxLength={500} defaultValue={endpoint?.description ?? ""} error={fields.description} />
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium text-zinc-800">Event types</legend>
        <div className="grid gap-1.5 sm:grid-cols-2">
          {eventTypes.map((t) => (
            <label key={t.type} className="flex items-start gap-2 text-sm text-zinc-800">
              <input
                type="checkbox"
                className="mt-0.5"
                checked={selected.has(t.type)}
                onChange={(e) => {
                  const next = new Set(selected);
                  if (e.target.checked) next.add(t.type);
                  else next.delete(t.type);
                  setSelected(next);
                }}
              />
              <span>
                <code className="text-xs">{t.type}</code>
                <span className="block text-xs text-zinc-500">{t.description}</span>
              </span>
            </label>
          ))}
        </div>
        {fields.eventTypes ? <p className="mt-1.5 text-sm text-red-700">Choose at least one event type.</p> : null}
      </fieldset>
      {otherError ? <Alert>{otherError}</Alert> : null}
      <div className="flex justify-end gap-2">
        <Button variant="ghost" size="sm" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" size="sm" disabled={mutation.isPending || selected.size === 0}>
          {mutation.isPending ? "Saving…" : endpoint ? "Save endpoint" : "Create endpoint"}
        </Button>
      </div>
    </form>
  );
}
