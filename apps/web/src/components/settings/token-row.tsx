"use client";

import { useState } from "react";
import type { RouterOutputs } from "@parley/api";
import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { RelativeTime } from "../ui/relative-time";

type Token = RouterOutputs["tokens"]["list"][number];

/** One token: prefix, scopes and dates; revoking asks for a confirmation first. */
export function TokenRow({ token }: { token: Token }) {
  const utils = api.useUtils();
  const [confirming, setConfirming] = useState(false);
  const revoke = api.tokens.revoke.useMutation({ onSuccess: () => void utils.tokens.list.invalidate() });

  return (
    <tr className="border-b border-zinc-100 last:border-0" data-testid="token-row">
      <td className="px-3 py-2 font-medium text-zinc-900">{token.name}</td>
      <td className="px-3 py-2">
        <code className="rounded bg-zinc-100 px-1 text-xs">{token.prefix}…</code>
      </td>
      <td className="px-3 py-2">
        <span className="flex flex-wrap gap-1">
          {token.scopes.map((scope) => (
            <Badge key={scope} tone={scope === "admin" ? "accent" : "neutral"}>
              {scope}
            </Badge>
          ))}
        </span>
      </td>
      <td className="px-3 py-2 text-zinc-600">
        <RelativeTime iso={token.createdAt} />
      </td>
      <td className="px-3 py-2 text-zinc-600">{token.lastUsedAt ? <RelativeTime iso={token.lastUsedAt} /> : "Never"}</td>
      <td className="px-3 py-2 text-zinc-600">
        {/* "in 3 days", or "2 days ago" once it has expired */}
        {token.expiresAt ? <RelativeTime iso={token.expiresAt} /> : "Never"}
      </td>
      <td className="px-3 py-2 text-right">
        {confirming ? (
          <span className="flex items-center justify-end gap-1.5" role="group" aria-label={`Revoke ${token.name}?`}>
            <span className="text-xs text-zinc-600">Clients using it stop working.</span>
            <Button size="xs" variant="danger" disabled={revoke.isPending} onClick={() => revoke.mutate({ id: token.id })}>
              {revoke.isPending ? "Revoking…" : "Revoke"}
            </Button>
            <Button size="xs" variant="ghost" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </span>
        ) : (
          <Button size="xs" variant="secondary" onClick={() => setConfirming(true)} aria-label={`Revoke ${token.name}`}>
            Revoke…
          </Button>
        )}
        {revoke.error ? <p className="mt-1 text-xs text-red-700">{errorMessage(revoke.error)}</p> : null}
      </td>
    </tr>
  );
}
