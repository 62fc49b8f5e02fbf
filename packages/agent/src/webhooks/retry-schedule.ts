/**
 * When the next try of a delivery runs after `attempts` failed tries, or null when the
 * schedule is used up. ±20 % jitter keeps many failing deliveries from retrying in step.
 */
export function nextRetryDelayMs(
  attempts: number,
  delaysMs: readonly number[],
  random: () => number = Math.random,
): number | null {
  const base = delaysMs[attempts - 1];
  if (base === undefined) return null;
  return Math.round(base * (0.8 + 0.4 * random()));
}
