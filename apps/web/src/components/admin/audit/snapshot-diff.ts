export interface FieldChange {
  key: string;
  before: string | null;
  after: string | null;
}

const MAX_VALUE_LENGTH = 160;

function show(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/**
 * The fields that differ between two snapshots, in a stable order; `null` on a side means the
 * field is absent there. Values are shown as short text (JSON for anything but strings).
 */
export function diffSnapshots(before: Record<string, unknown> | null, after: Record<string, unknown> | null): { changes: FieldChange[]; unchanged: number } {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  const changes: FieldChange[] = [];
  let unchanged = 0;
  for (const key of keys) {
    const a = before && key in before ? show(before[key]) : null;
    const b = after && key in after ? show(after[key]) : null;
    if (a === b) unchanged += 1;
    else changes.push({ key, before: a, after: b });
  }
  return { changes, unchanged };
}
