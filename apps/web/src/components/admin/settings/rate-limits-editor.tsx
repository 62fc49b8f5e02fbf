"use client";

import { useState } from "react";
import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { Alert } from "../../ui/alert";
import { Badge } from "../../ui/badge";
import { Button } from "../../ui/button";
import { RuleRowsEditor } from "./rule-rows-editor";
import {
  actionLabels,
  formatRule,
  rateActionsOf,
  type RateAction,
  type RateLimits,
  type RateRule,
  type RateScope,
  scopeLabels,
  scopes,
  withScope,
} from "./rate-limit-format";

interface Editing {
  action: RateAction;
  scope: RateScope;
}

/** Every action's limits per scope: the admins' override where there is one, else the default. */
export function RateLimitsEditor({ initial }: { initial: RateLimits }) {
  const utils = api.useUtils();
  const query = api.admin.rateLimits.useQuery(undefined, { initialData: initial });
  const [editing, setEditing] = useState<Editing | null>(null);
  const update = api.admin.updateRateLimits.useMutation({
    onSuccess: (saved) => {
      utils.admin.rateLimits.setData(undefined, saved);
      setEditing(null);
    },
  });
  const { defaults, overrides } = query.data;
  const actions = rateActionsOf(defaults);

  function save(action: RateAction, scope: RateScope, rules: RateRule[] | null) {
    update.mutate({ overrides: withScope(actions, overrides, action, scope, rules) });
  }

  return (
    <div className="space-y-3">
      {update.error ? <Alert>{errorMessage(update.error)}</Alert> : null}
      {actions.map((action) => (
        <div key={action} className="rounded-xl border border-zinc-200 bg-white shadow-sm" data-testid={`rate-limits-${action}`}>
          <h3 className="border-b border-zinc-100 px-4 py-2.5 text-sm font-semibold text-zinc-900">
            {actionLabels[action] ?? action} <code className="ml-1 text-xs font-normal text-zinc-500">{action}</code>
          </h3>
          <dl className="divide-y divide-zinc-100">
            {scopes
              .filter((scope) => defaults[action]?.[scope] ?? overrides[action]?.[scope])
              .map((scope) => {
                const override = overrides[action]?.[scope];
                const rules = override ?? defaults[action]?.[scope] ?? [];
                const isEditing = editing?.action === action && editing.scope === scope;
                return (
                  <div key={scope} className="grid gap-2 px-4 py-2.5 text-sm sm:grid-cols-[14rem_1fr_auto] sm:items-start">
                    <dt className="text-zinc-600">{scopeLabels[scope]}</dt>
                    <dd className="min-w-0">
                      {isEditing ? (
                        <RuleRowsEditor
                          initial={rules}
                          pending={update.isPending}
                          onSave={(next) => save(action, scope, next)}
                          onReset={override ? () => save(action, scope, null) : undefined}
                          onCancel={() => setEditing(null)}
                        />
                      ) : (
                        <ul className="space-y-0.5 text-zinc-800">
                          {rules.map((rule, index) => (
                            <li key={index}>{formatRule(rule)}</li>
                          ))}
                        </ul>
                      )}
                    </dd>
                    {!isEditing ? (
                      <div className="flex items-center gap-2">
                        {override ? <Badge tone="amber">Custom</Badge> : <Badge>Default</Badge>}
                        <Button variant="ghost" size="xs" onClick={() => setEditing({ action, scope })} aria-label={`Edit ${actionLabels[action] ?? action}, ${scopeLabels[scope]}`}>
                          Edit
                        </Button>
                      </div>
                    ) : null}
                  </div>
                );
              })}
          </dl>
        </div>
      ))}
    </div>
  );
}
