"use client";

import { useState } from "react";
import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { Button } from "../../ui/button";
import { type WebhookEndpoint } from "./types";

/** Rotate, enable or disable, ping, delete: each a single audited call. */
export function EndpointActions({
  endpoint,
  onChanged,
  onSecret,
  onDeleted,
  onPinged,
}: {
  endpoint: WebhookEndpoint;
  onChanged: (endpoint: WebhookEndpoint) => void;
  onSecret: (secret: string) => void;
  onDeleted: () => void;
  onPinged?: () => void;
}) {
  const [confirmDelete, setConfirmDelete] = useState(false);
  const rotate = api.webhook.rotateSecret.useMutation({
    onSuccess: (r) => {
      onChanged(r.endpoint);
      onSecret(r.secret);
    },
  });
  const enable = api.webhook.enable.useMutation({ onSuccess: onChanged });
  const disable = api.webhook.disable.useMutation({ onSuccess: onChanged });
  const ping = api.webhook.ping.useMutation({ onSuccess: () => onPinged?.() });
  const remove = api.webhook.delete.useMutation({ onSuccess: onDeleted });
  const failed = [rotate, enable, disable, ping, remove].find((m) => m.error);
  const id = { id: endpoint.id };

  return (
    <div className="flex flex-wrap items-center justify-end gap-1">
      {endpoint.enabled ? (
        <>
          <Button variant="ghost" size="xs" disabled={ping.isPending} onClick={() => ping.mutate(id)}>
            {ping.isPending ? "Pinging…" : ping.isSuccess ? "Ping sent" : "Send ping"}
          </Button>
          <Button variant="ghost" size="xs" disabled={disable.isPending} onClick={() => disable.mutate(id)}>
            Disable
          </Button>
        </>
      ) : (
        <Button variant="secondary" size="xs" disabled={enable.isPending} onClick={() => enable.mutate(id)}>
          {enable.isPending ? "Enabling…" : "Enable"}
        </Button>
      )}
      <Button variant="ghost" size="xs" disabled={rotate.isPending} onClick={() => rotate.mutate(id)}>
        {rotate.isPending ? "Rotating…" : "Rotate secret"}
      </Button>
      {confirmDelete ? (
        <span className="flex items-center gap-1 text-xs text-red-900" role="group" aria-label="Confirm deleting the endpoint">
          <span>Delete it and its delivery log?</span>
          <Button variant="ghost" size="xs" onClick={() => setConfirmDelete(false)}>
            Keep
          </Button>
          <Button variant="danger" size="xs" disabled={remove.isPending} onClick={() => remove.mutate(id)}>
            Delete
          </Button>
        </span>
      ) : (
        <Button variant="ghost" size="xs" className="hover:text-red-700" onClick={() => setConfirmDelete(true)}>
          Delete
        </Button>
      )}
      {failed?.error ? (
        <p role="alert" className="w-full text-right text-xs text-red-700">
          {errorMessage(failed.error)}
        </p>
      ) : null}
    </div>
  );
}
