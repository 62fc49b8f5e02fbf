"use client";

import { useState } from "react";
import type { RouterOutputs } from "@parley/api";
import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";

type PolicyState = RouterOutputs["admin"]["moderationPolicy"];
type PostingAction = PolicyState["policy"]["action"];

const actions: { value: PostingAction; label: string; description: string }[] = [
  { value: "allow", label: "Allow", description: "Publish; the decision is only recorded." },
  { value: "flag", label: "Flag for review", description: "Publish, and open a review item." },
  { value: "hold", label: "Hold for review", description: "Only the author and moderators see it until a moderator approves it." },
  { value: "redact", label: "Redact", description: "Publish with the offending words replaced; the original is kept for moderators." },
  { value: "reject", label: "Reject", description: "Refuse it; the author keeps it, marked rejected, and nobody else sees it." },
];

/** What the posting hook does with a new or edited message that scores at or above the threshold. */
export function ModerationPolicyEditor({ initial }: { initial: PolicyState }) {
  const [action, setAction] = useState<PostingAction>(initial.policy.action);
  const [threshold, setThreshold] = useState(initial.policy.threshold);
  const [saved, setSaved] = useState(initial.policy);
  const save = api.admin.setModerationPolicy.useMutation({ onSuccess: ({ policy }) => setSaved(policy) });
  const dirty = action !== saved.action || threshold !== saved.threshold;

  return (
    <form
      className="space-y-4 rounded-xl border border-zinc-200 bg-white p-4 shadow-sm"
      aria-label="Posting policy"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ action, threshold });
      }}
    >
      <fieldset>
        <legend className="text-sm font-medium text-zinc-800">When a message looks toxic</legend>
        <div className="mt-2 space-y-1.5">
          {actions.map((option) => (
            <label key={option.value} className="flex items-start gap-2 text-sm">
              <input type="radio" name="action" value={option.value} checked={action === option.value} onChange={() => setAction(option.value)} className="mt-1 accent-accent-600" />
              <span>
                <span className="font-medium text-zinc-900">{option.label}</span>
                {option.value === initial.defaults.action ? <span className="ml-1 text-xs text-zinc-500">(default)</span> : null}
                <span className="block text-zinc-600">{option.description}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="policy-threshold" className="block text-sm font-medium text-zinc-800">
          Threshold: <span className="font-mono">{threshold.toFixed(2)}</span>
        </label>
        <input
          id="policy-threshold"
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={threshold}
          onChange={(event) => setThreshold(Number(event.target.value))}
          className="mt-1 w-full max-w-sm accent-accent-600"
        />
        <p className="mt-1 text-xs text-zinc-500">
          The classifier&apos;s score (0 to 1) at which the policy applies; the offline word list scores a hit as 1. Default {initial.defaults.threshold.toFixed(2)}.
        </p>
      </div>
      {save.error ? <Alert>{errorMessage(save.error)}</Alert> : null}
      {save.isSuccess && !dirty ? <Alert tone="info">Saved.</Alert> : null}
      <div className="flex justify-end">
        <Button type="submit" size="sm" disabled={!dirty || save.isPending}>
          {save.isPending ? "Saving…" : "Save policy"}
        </Button>
      </div>
    </form>
  );
}
