"use client";

import { useState } from "react";
import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { Badge } from "../../ui/badge";
import { Button } from "../../ui/button";
import { RelativeTime } from "../../ui/relative-time";
import { type WebhookDelivery } from "./types";

const tone = { pending: "amber", succeeded: "open", failed: "closed" } as const;

/** One delivery: status, code, latency, attempts and time; expands to its attempt log and body. */
export function DeliveryRow({ delivery, onRedelivered, canRedeliver }: { delivery: WebhookDelivery; onRedelivered: () => void; canRedeliver: boolean }) {
  const [open, setOpen] = useState(false);
  const redeliver = api.webhook.redeliver.useMutation({ onSuccess: onRedelivered });
  return (
    <li className="px-4 py-3 text-sm" data-testid="webhook-delivery">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Badge tone={tone[delivery.status]}>{delivery.status}</Badge>
        <code className="text-xs text-zinc-800">{delivery.eventType}</code>
        <span className="text-xs text-zinc-600">{delivery.responseStatus ? `HTTP ${delivery.responseStatus}` : (delivery.lastError ?? "not tried yet")}</span>
        <span className="text-xs text-zinc-500">{delivery.latencyMs === null ? "" : `${delivery.latencyMs} ms`}</span>
        <span className="text-xs text-zinc-500">
          {delivery.attempts} {delivery.attempts === 1 ? "attempt" : "attempts"}
        </span>
        <RelativeTime iso={delivery.createdAt} className="text-xs text-zinc-500" />
        {delivery.status === "pending" && delivery.nextAttemptAt ? (
          <span className="text-xs text-amber-800">
            next try <RelativeTime iso={delivery.nextAttemptAt} />
          </span>
        ) : null}
        <span className="ml-auto flex gap-1">
          <Button variant="ghost" size="xs" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? "Hide log" : "Attempt log"}
          </Button>
          {canRedeliver ? (
            <Button variant="secondary" size="xs" disabled={redeliver.isPending} onClick={() => redeliver.mutate({ deliveryId: delivery.id })}>
              {redeliver.isPending ? "Queuing…" : "Redeliver"}
            </Button>
          ) : null}
        </span>
      </div>
      {redeliver.error ? <p className="mt-1 text-xs text-red-700">{errorMessage(redeliver.error)}</p> : null}
      {open ? (
        <div className="mt-2 space-y-2">
          <p className="text-xs text-zinc-500">
            webhook-id <code>{delivery.id}</code>
          </p>
          {delivery.attemptLog.length === 0 ? (
            <p className="text-xs text-zinc-500">No attempts yet.</p>
          ) : (
            <table className="w-full text-left text-xs">
              <thead className="text-zinc-500">
                <tr>
                  <th className="py-1 pr-3 font-medium">#</th>
                  <th className="py-1 pr-3 font-medium">When</th>
                  <th className="py-1 pr-3 font-medium">Answer</th>
                  <th className="py-1 pr-3 font-medium">Latency</th>
                  <th className="py-1 font-medium">Response body</th>
                </tr>
              </thead>
              <tbody className="align-top text-zinc-800">
                {delivery.attemptLog.map((a, index) => (
                  <tr key={`${a.createdAt}-${index}`} className="border-t border-zinc-100">
                    <td className="py-1 pr-3">{a.attempt}</td>
                    <td className="py-1 pr-3">
                      <RelativeTime iso={a.createdAt} />
                    </td>
                    <td className="py-1 pr-3">{a.responseStatus ? `HTTP ${a.responseStatus}` : <span className="text-red-700">{a.error}</span>}</td>
                    <td className="py-1 pr-3">{a.latencyMs === null ? "–" : `${a.latencyMs} ms`}</td>
                    <td className="py-1">
                      <code className="line-clamp-3 break-all text-zinc-600">{a.responseBody ?? ""}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <details>
            <summary className="cursor-pointer text-xs text-zinc-600">Body sent</summary>
            <pre className="mt-1 max-h-64 overflow-auto rounded bg-zinc-50 p-2 text-xs">{JSON.stringify(delivery.payload, null, 2)}</pre>
          </details>
        </div>
      ) : null}
    </li>
  );
}
