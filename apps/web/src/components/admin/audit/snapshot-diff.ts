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

const MAX_DEPTH = 3;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Nested objects as dotted keys ("message.status"), so a diff names the field that changed. */
function flatten(snapshot: Record<string, unknown> | null, prefix = "", depth = 1): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const [key, value] of Object.entries(snapshot ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(value) && depth < MAX_DEPTH && Object.keys(value).length > 0) {
      for (const [inner, innerValue] of flatten(value, path, depth + 1)) fields.set(inner, innerValue);
    } else fields.set(path, value);
  }
  return fields;
}

/**
 * The fields that differ between two snapshots, in a stable order; `null` on a side means the
 * field is absent there. Values are shown as short text (JSON for anything but strings).
 */
export function diffSnapshots(before: Record<string, unknown> | null, after: Record<string, unknown> | null): { changes: FieldChange[]; unchanged: number } {
  const old = flatten(before);
  const next = flatten(after);
  const keys = [...new Set([...old.keys(), ...next.keys()])].sort();
  const changes: FieldChange[] = [];
  let unchanged = 0;
  for (const key of keys) {
    const a = old.has(key) ? show(old.get(key)) : null;
    const b = next.has(key) ? show(next.get(key)) : null;
    if (a === b) unchanged += 1;
    else changes.push({ key, before: a, after: b });
  }
  return { changes, unchanged };
}
