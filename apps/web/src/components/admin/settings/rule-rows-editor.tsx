"use client";

import { useState } from "react";
import { Button } from "../../ui/button";
import { type RateRule } from "./rate-limit-format";

const MAX_RULES = 5;
const periods = [
  { seconds: 1, label: "second" },
  { seconds: 60, label: "minute" },
  { seconds: 3_600, label: "hour" },
  { seconds: 86_400, label: "day" },
] as const;

interface Row {
  limit: string;
  perSeconds: string;
  burst: string;
}

const toRow = (rule: RateRule): Row => ({ limit: String(rule.limit), perSeconds: String(rule.perSeconds), burst: rule.burst ? String(rule.burst) : "" });

function toRule(row: Row): RateRule | null {
  const limit = Number(row.limit);
  const perSeconds = Number(row.perSeconds);
  const burst = row.burst.trim() === "" ? undefined : Number(row.burst);
  if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(perSeconds) || perSeconds < 1) return null;
  if (burst !== undefined && (!Number.isInteger(burst) || burst < 1)) return null;
  return burst === undefined ? { limit, perSeconds } : { limit, perSeconds, burst };
}

const input = "h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm focus:border-accent-500 focus:outline-none focus:ring-2 focus:ring-accent-500/30";

/** Edits one scope's rules: "limit per period, bursts of N", up to five. */
export function RuleRowsEditor({
  initial,
  pending,
  onSave,
  onReset,
  onCancel,
}: {
  initial: readonly RateRule[];
  pending: boolean;
  onSave: (rules: RateRule[]) => void;
  onReset: (() => void) | undefined;
  onCancel: () => void;
}) {
  const [rows, setRows] = useState<Row[]>(() => initial.map(toRow));
  const rules = rows.map(toRule);
  const valid = rules.length > 0 && rules.every((rule) => rule !== null);

  function change(index: number, patch: Partial<Row>) {
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  }

  return (
    <div className="space-y-2">
      {rows.map((row, index) => {
        const preset = periods.some((p) => String(p.seconds) === row.perSeconds);
        return (
          <div key={index} className="flex flex-wrap items-center gap-1.5" role="group" aria-label={`Rule ${index + 1}`}>
            <input aria-label="Limit" type="number" min={1} className={`${input} w-24`} value={row.limit} onChange={(e) => change(index, { limit: e.target.value })} />
            <span className="text-zinc-500">per</span>
            {preset ? (
              <select aria-label="Period" className={input} value={row.perSeconds} onChange={(e) => change(index, { perSeconds: e.target.value })}>
                {periods.map((p) => (
                  <option key={p.seconds} value={p.seconds}>
                    {p.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                aria-label="Period in seconds"
                type="number"
                min={1}
                className={`${input} w-24`}
                value={row.perSeconds}
                onChange={(e) => change(index, { perSeconds: e.target.value })}
              />
            )}
            <span className="text-zinc-500">burst</span>
            <input
              aria-label="Burst"
              type="number"
              min={1}
              placeholder="none"
              className={`${input} w-24`}
              value={row.burst}
              onChange={(e) => change(index, { burst: e.target.value })}
            />
            <Button variant="ghost" size="xs" onClick={() => setRows((current) => current.filter((_, i) => i !== index))} aria-label={`Remove rule ${index + 1}`}>
              Remove
            </Button>
          </div>
        );
      })}
      {!valid ? <p className="text-xs text-red-700">Each rule needs a whole number of at least 1 for limit and period (burst is optional).</p> : null}
      <div className="flex flex-wrap gap-2">
        {rows.length < MAX_RULES ? (
          <Button variant="secondary" size="xs" onClick={() => setRows((current) => [...current, { limit: "10", perSeconds: "3600", burst: "" }])}>
            Add rule
          </Button>
        ) : null}
        <span className="ml-auto" />
        {onReset ? (
          <Button variant="ghost" size="xs" disabled={pending} onClick={onReset}>
            Back to default
          </Button>
        ) : null}
        <Button variant="ghost" size="xs" onClick={onCancel}>
          Cancel
        </Button>
        <Button size="xs" disabled={!valid || pending} onClick={() => onSave(rules.filter((rule) => rule !== null))}>
          {pending ? "Saving…" : "Save"}
        </Button>
      </div>
    </div>
  );
}
