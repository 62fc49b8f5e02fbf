"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { DeliveryRow } from "./delivery-row";
import { EndpointActions } from "./endpoint-actions";
import { EndpointState } from "./endpoint-state";
import { SecretReveal } from "./secret-reveal";
import { type WebhookDelivery, type WebhookEndpoint } from "./types";

const FILTERS = [
  { value: undefined, label: "All" },
  { value: "failed", label: "Failed" },
  { value: "pending", label: "Pending" },
  { value: "succeeded", label: "Succeeded" },
] as const;
type StatusFilter = (typeof FILTERS)[number]["value"];

/** An endpoint's state and actions, and its deliveries newest first (polled while any is pending). */
export function EndpointDetail({ initialEndpoint }: { initialEndpoint: WebhookEndpoint }) {
  const router = useRouter();
  const utils = api.useUtils();
  const endpoint = api.webhook.get.useQuery({ id: initialEndpoint.id }, { initialData: initialEndpoint });
  const [status, setStatus] = useState<StatusFilter>(undefined);
  const [secret, setSecret] = useState<string | null>(null);
  const deliveries = api.webhook.deliveries.useInfiniteQuery(
    { endpointId: initialEndpoint.id, ...(status ? { status } : {}) },
    {
      getNextPageParam: (page) => page.nextCursor ?? undefined,
      refetchInterval: (query) =>
        query.state.data?.pages.some((p) => p.items.some((d) => d.status === "pending")) ? 3000 : false,
    },
  );
  const items: WebhookDelivery[] = deliveries.data?.pages.flatMap((p) => p.items) ?? [];
  const refresh = () => void utils.webhook.deliveries.invalidate();
  const current = endpoint.data;

  return (
    <div className="space-y-4">
      <Link href="/admin/webhooks" className="text-sm text-accent-700 hover:underline">
        ← All endpoints
      </Link>
      <div className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm">
        <div className="grid gap-3 sm:grid-cols-[1fr_auto]">
          <div className="min-w-0 space-y-1">
            <p className="break-all font-mono text-sm text-zinc-900">{current.url}</p>
            {current.description ? <p className="text-sm text-zinc-600">{current.description}</p> : null}
            <p className="text-xs text-zinc-500">{current.eventTypes.join(", ")}</p>
            <EndpointState endpoint={current} />
            {current.previousSecretExpiresAt ? (
              <p className="text-xs text-zinc-600">Rotating: the previous secret also signs until {new Date(current.previousSecretExpiresAt).toLocaleString()}.</p>
            ) : null}
          </div>
          <EndpointActions
            endpoint={current}
            onChanged={(next) => utils.webhook.get.setData({ id: current.id }, next)}
            onSecret={setSecret}
            onDeleted={() => router.push("/admin/webhooks")}
            onPinged={refresh}
          />
        </div>
      </div>
      {secret ? <SecretReveal secret={secret} rotated onDismiss={() => setSecret(null)} /> : null}

      <section aria-label="Deliveries" className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="mr-auto text-lg font-semibold text-zinc-900">Deliveries</h2>
          {FILTERS.map((f) => (
            <Button key={f.label} size="xs" variant={status === f.value ? "secondary" : "ghost"} aria-pressed={status === f.value} onClick={() => setStatus(f.value)}>
              {f.label}
            </Button>
          ))}
          <Button size="xs" variant="ghost" onClick={refresh}>
            Refresh
          </Button>
        </div>
        {deliveries.isError ? <Alert>Could not load deliveries. {errorMessage(deliveries.error)}</Alert> : null}
        {items.length === 0 && !deliveries.isLoading ? (
          <div className="rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-10 text-center text-sm text-zinc-600">No deliveries.</div>
        ) : (
          <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white shadow-sm">
            {items.map((d) => (
              <DeliveryRow key={d.id} delivery={d} canRedeliver={current.enabled} onRedelivered={refresh} />
            ))}
          </ul>
        )}
        {deliveries.hasNextPage ? (
          <div className="flex justify-center">
            <Button size="sm" variant="secondary" disabled={deliveries.isFetchingNextPage} onClick={() => void deliveries.fetchNextPage()}>
              {deliveries.isFetchingNextPage ? "Loading…" : "Older deliveries"}
            </Button>
          </div>
        ) : null}
      </section>
    </div>
  );
}
