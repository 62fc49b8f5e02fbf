"use client";

import Link from "next/link";
import { useState } from "react";
import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { EndpointActions } from "./endpoint-actions";
import { EndpointForm } from "./endpoint-form";
import { EndpointState } from "./endpoint-state";
import { SecretReveal } from "./secret-reveal";
import { type WebhookEndpoint, type WebhookEventTypeInfo } from "./types";

export function WebhookManager({ initialEndpoints, eventTypes }: { initialEndpoints: WebhookEndpoint[]; eventTypes: WebhookEventTypeInfo[] }) {
  const utils = api.useUtils();
  const endpoints = api.webhook.list.useQuery(undefined, { initialData: initialEndpoints });
  const [editing, setEditing] = useState<{ endpointId: string } | "new" | null>(null);
  const [secret, setSecret] = useState<{ value: string; rotated: boolean } | null>(null);

  const put = (saved: WebhookEndpoint) =>
    utils.webhook.list.setData(undefined, (list = []) =>
      list.some((e) => e.id === saved.id) ? list.map((e) => (e.id === saved.id ? saved : e)) : [...list, saved],
    );
  const drop = (id: string) => utils.webhook.list.setData(undefined, (list = []) => list.filter((e) => e.id !== id));
  const disabled = endpoints.data.filter((e) => !e.enabled && e.disabledReason);

  return (
    <section aria-label="Webhook endpoints" className="space-y-4">
      {disabled.length > 0 ? (
        <Alert tone="warning">
          {disabled.length === 1 ? "One endpoint was" : `${disabled.length} endpoints were`} disabled. Fix the receiver, then enable it
          again; failed deliveries can be sent again from the endpoint&apos;s page.
        </Alert>
      ) : null}
      {secret ? <SecretReveal secret={secret.value} rotated={secret.rotated} onDismiss={() => setSecret(null)} /> : null}
      {editing === "new" ? (
        <div className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm">
          <EndpointForm
            eventTypes={eventTypes}
            onCancel={() => setEditing(null)}
            onCreated={(endpoint, value) => {
              put(endpoint);
              setSecret({ value, rotated: false });
              setEditing(null);
            }}
          />
        </div>
      ) : (
        <div className="flex justify-end">
          <Button size="sm" onClick={() => setEditing("new")}>
            New endpoint
          </Button>
        </div>
      )}
      {endpoints.isError ? <Alert>Could not load webhook endpoints. {errorMessage(endpoints.error)}</Alert> : null}
      {endpoints.data.length === 0 ? (
        <div className="rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-12 text-center text-sm text-zinc-600">
          No webhook endpoints yet.
        </div>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white shadow-sm" data-testid="webhook-list">
          {endpoints.data.map((endpoint) => (
            <li key={endpoint.id} className="px-4 py-3">
              {typeof editing === "object" && editing?.endpointId === endpoint.id ? (
                <EndpointForm endpoint={endpoint} eventTypes={eventTypes} onCancel={() => setEditing(null)} onSaved={(saved) => {
                    put(saved);
                    setEditing(null);
                  }} />
              ) : (
                <div className="grid gap-3 sm:grid-cols-[1fr_auto]">
                  <div className="min-w-0 space-y-1">
                    <Link href={`/admin/webhooks/${endpoint.id}`} className="block truncate font-mono text-sm text-accent-700 hover:underline">
                      {endpoint.url}
                    </Link>
                    {endpoint.description ? <p className="text-sm text-zinc-600">{endpoint.description}</p> : null}
                    <p className="text-xs text-zinc-500">{endpoint.eventTypes.join(", ")}</p>
                    <EndpointState endpoint={endpoint} />
                  </div>
                  <div className="flex flex-col items-end gap-1">
                    <Button variant="ghost" size="xs" onClick={() => setEditing({ endpointId: endpoint.id })}>
                      Edit
                    </Button>
                    <EndpointActions
                      endpoint={endpoint}
                      onChanged={put}
                      onSecret={(value) => setSecret({ value, rotated: true })}
                      onDeleted={() => drop(endpoint.id)}
                    />
                  </div>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
