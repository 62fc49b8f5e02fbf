import { diffSnapshots } from "./snapshot-diff";

/** Before and after as the fields that changed: old value struck through, new value beside it. */
export function AuditDiff({ before, after }: { before: Record<string, unknown> | null; after: Record<string, unknown> | null }) {
  const { changes, unchanged } = diffSnapshots(before, after);
  if (changes.length === 0) return <p className="text-xs text-zinc-500">No recorded change.</p>;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs" data-testid="audit-diff">
      {changes.map((change) => (
        <div key={change.key} className="contents">
          <dt className="font-mono text-zinc-500">{change.key}</dt>
          <dd className="min-w-0 break-words">
            {change.before !== null ? (
              <del className="bg-red-50 text-red-800 decoration-red-400">{change.before}</del>
            ) : null}
            {change.before !== null && change.after !== null ? <span className="px-1 text-zinc-400">→</span> : null}
            {change.after !== null ? <ins className="bg-emerald-50 text-emerald-800 no-underline">{change.after}</ins> : null}
          </dd>
        </div>
      ))}
      {unchanged > 0 ? <dd className="col-span-2 text-zinc-400">{unchanged} unchanged</dd> : null}
    </dl>
  );
}
