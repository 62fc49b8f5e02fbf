const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const SUSPENSION_PERIODS = [
  { id: "1h", label: "1 hour", ms: HOUR },
  { id: "1d", label: "1 day", ms: DAY },
  { id: "3d", label: "3 days", ms: 3 * DAY },
  { id: "7d", label: "1 week", ms: 7 * DAY },
  { id: "30d", label: "30 days", ms: 30 * DAY },
  { id: "365d", label: "1 year", ms: 365 * DAY },
] as const;

/** The suspension's end as an ISO time, from a period's id (one week when unknown). */
export function suspendedUntil(periodId: string, nowMs: number): string {
  const period = SUSPENSION_PERIODS.find((p) => p.id === periodId) ?? SUSPENSION_PERIODS[3];
  // A year to the millisecond would land past the server's "at most a year" by the request's travel time.
  const ms = period.ms === 365 * DAY ? period.ms - HOUR : period.ms;
  return new Date(nowMs + ms).toISOString();
}
