"use client";

import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";

/** Loopback and private addresses (and plain http) as targets: for local development only. */
export function PrivateTargetsSetting({ initial }: { initial: boolean }) {
  const utils = api.useUtils();
  const settings = api.webhook.settings.useQuery(undefined, { initialData: { allowPrivateTargets: initial } });
  const update = api.webhook.updateSettings.useMutation({
    onSuccess: (next) => utils.webhook.settings.setData(undefined, next),
  });
  return (
    <div className="rounded-xl border border-zinc-200 bg-white p-4 text-sm shadow-sm">
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          className="mt-0.5"
          checked={settings.data.allowPrivateTargets}
          disabled={update.isPending}
          onChange={(e) => update.mutate({ allowPrivateTargets: e.target.checked })}
        />
        <span>
          <span className="font-medium text-zinc-900">Allow private targets (local development)</span>
          <span className="block text-xs text-zinc-600">
            Lets webhooks reach loopback, private-network and link-local addresses, and use http. Leave it off in production: with it on,
            a webhook URL can probe your internal network.
          </span>
        </span>
      </label>
      {update.error ? <p className="mt-2 text-xs text-red-700">{errorMessage(update.error)}</p> : null}
    </div>
  );
}
