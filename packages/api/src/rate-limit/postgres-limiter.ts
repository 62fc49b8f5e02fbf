import { type Database } from "@parley/db";
import { decide, gcra, type RateBucket, type RateDecision, type RateLimiter, type RateRule } from "./limiter";

/**
 * GCRA buckets in `rate_limit_buckets`, shared by every instance on the database. consume is
 * one statement: the upsert only advances the bucket when the request fits (the row lock of
 * ON CONFLICT DO UPDATE serialises concurrent callers), and the CTE also returns the previous
 * state so a refusal can say how long to wait.
 */
export class PostgresRateLimiter implements RateLimiter {
  constructor(private readonly db: Database) {}

  async consume(key: string, rule: RateRule, nowMs: number): Promise<RateDecision> {
    const { intervalMs, toleranceMs } = gcra(rule);
    const rows = await this.db.$queryRaw<{ granted: number | null; previous: number | null }[]>`
      WITH previous AS (SELECT tat FROM rate_limit_buckets WHERE key = ${key}),
      granted AS (
        INSERT INTO rate_limit_buckets AS b (key, tat, updated_at)
        VALUES (${key}, ${nowMs}::float8 + ${intervalMs}::float8, to_timestamp(${nowMs}::float8 / 1000))
        ON CONFLICT (key) DO UPDATE
          SET tat = GREATEST(b.tat, ${nowMs}::float8) + ${intervalMs}::float8, updated_at = EXCLUDED.updated_at
          WHERE GREATEST(b.tat, ${nowMs}::float8) + ${intervalMs}::float8 - ${nowMs}::float8 <= ${toleranceMs}::float8
        RETURNING tat
      )
      SELECT (SELECT tat FROM granted) AS granted, (SELECT tat FROM previous) AS previous`;
    const row = rows[0];
    if (row?.granted != null) return { allowed: true, retryAfterMs: 0 };
    // Refused: the row existed (possibly inserted concurrently, then one interval is a fair wait).
    const refused = decide(row?.previous ?? null, rule, nowMs);
    return { allowed: false, retryAfterMs: refused.allowed ? Math.ceil(intervalMs) : refused.retryAfterMs };
  }

  async consumeEach(buckets: readonly RateBucket[], nowMs: number): Promise<RateDecision & { granted: RateBucket[] }> {
    if (buckets.length === 0) return { allowed: true, retryAfterMs: 0, granted: [] };
    const params = buckets.map(({ key, rule }) => ({ key, rule, ...gcra(rule) }));
    // Each row of `input` is one bucket; the upsert advances exactly those that still fit.
    const rows = await this.db.$queryRaw<{ key: string; granted: boolean; previous: number | null }[]>`
      WITH input AS (
        SELECT * FROM unnest(${params.map((p) => p.key)}::text[], ${params.map((p) => p.intervalMs)}::float8[],
                             ${params.map((p) => p.toleranceMs)}::float8[]) AS t(key, interval_ms, tolerance_ms)
      ),
      previous AS (SELECT b.key, b.tat FROM rate_limit_buckets b JOIN input USING (key)),
      granted AS (
        INSERT INTO rate_limit_buckets AS b (key, tat, updated_at)
        SELECT key, ${nowMs}::float8 + interval_ms, to_timestamp(${nowMs}::float8 / 1000) FROM input
        ON CONFLICT (key) DO UPDATE
          SET tat = GREATEST(b.tat, ${nowMs}::float8) + (EXCLUDED.tat - ${nowMs}::float8), updated_at = EXCLUDED.updated_at
          WHERE GREATEST(b.tat, ${nowMs}::float8) + (EXCLUDED.tat - ${nowMs}::float8) - ${nowMs}::float8
                <= (SELECT i.tolerance_ms FROM input i WHERE i.key = EXCLUDED.key)
        RETURNING key
      )
      SELECT i.key, EXISTS (SELECT 1 FROM granted g WHERE g.key = i.key) AS granted,
             (SELECT p.tat FROM previous p WHERE p.key = i.key) AS previous
      FROM input i`;
    let retryAfterMs = 0;
    const granted: RateBucket[] = [];
    for (const { key, rule, intervalMs } of params) {
      const row = rows.find((r) => r.key === key);
      if (row?.granted) {
        granted.push({ key, rule });
        continue;
      }
      const refused = decide(row?.previous ?? null, rule, nowMs);
      retryAfterMs = Math.max(retryAfterMs, refused.allowed ? Math.ceil(intervalMs) : refused.retryAfterMs);
    }
    return { allowed: retryAfterMs === 0, retryAfterMs, granted };
  }

  // Moving the arrival time back one interval undoes exactly one consume, whatever else was
  // consumed since; a bucket that had refilled meanwhile stays full (decide clamps to now).
  async refund(key: string, rule: RateRule): Promise<void> {
    const { intervalMs } = gcra(rule);
    await this.db.$executeRaw`UPDATE rate_limit_buckets SET tat = tat - ${intervalMs}::float8 WHERE key = ${key}`;
  }

  async peek(key: string, rule: RateRule, nowMs: number): Promise<RateDecision> {
    const rows = await this.db.$queryRaw<{ tat: number }[]>`SELECT tat FROM rate_limit_buckets WHERE key = ${key}`;
    return decide(rows[0]?.tat ?? null, rule, nowMs);
  }

  /** Deletes buckets that have fully refilled (they hold no state); for a periodic job. */
  async prune(nowMs: number): Promise<number> {
    return this.db.$executeRaw`DELETE FROM rate_limit_buckets WHERE tat <= ${nowMs}::float8`;
  }

  async reset(key: string): Promise<void> {
    await this.db.$executeRaw`DELETE FROM rate_limit_buckets WHERE key LIKE ${`${escapeLike(key)}%`}`;
  }
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
