import type { DatabaseHandle } from "../harness";

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

/** One line saying which database this is and where it came from. */
export function describeDatabase(handle: DatabaseHandle): string {
  if (!handle.embedded) return `DATABASE_URL ${redactUrl(handle.url)}`;
  const how = handle.startedHere ? "started" : "already running";
  return `embedded PostgreSQL (${how}, data in ${handle.dataDir ?? "?"}) at ${redactUrl(handle.url)}`;
}
