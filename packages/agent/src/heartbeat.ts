import os from "node:os";
import { type Database } from "@parley/db";
import { makeWorkerUtils, type WorkerUtils } from "graphile-worker";

export interface HeartbeatSettings {
  /** How often a live pool writes its heartbeat. */
  intervalMs: number;
  /** A pool silent this long is presumed dead and its jobs are unlocked. */
  staleMs: number;
  /** How often this process looks for dead pools. */
  sweepIntervalMs: number;
}

export interface SweepResult {
  /** Pools presumed dead whose jobs were unlocked. */
  unlocked: string[];
}

/**
 * Pools to unlock: those whose heartbeat is stale (their rows are removed), and pools that
 * hold locks older than the bound without any heartbeat at all (killed before their first
 * one, or started by a worker without heartbeats). Times come from the database's clock.
 */
async function findDeadPools(
  db: Database,
  staleMs: number,
  ownPoolId: string | null,
): Promise<string[]> {
  const rows = await db.$queryRaw<{ pool_id: string }[]>`
    WITH stale AS (
      DELETE FROM worker_heartbeats
      WHERE last_seen_at < now() - make_interval(secs => ${staleMs / 1000}::float8)
        AND pool_id IS DISTINCT FROM ${ownPoolId}
      RETURNING pool_id
    )
    SELECT pool_id FROM stale
    UNION
    SELECT DISTINCT locked_by AS pool_id FROM graphile_worker.jobs
    WHERE locked_by IS NOT NULL
      AND locked_at < now() - make_interval(secs => ${staleMs / 1000}::float8)
      AND locked_by IS DISTINCT FROM ${ownPoolId}
      AND locked_by NOT IN (SELECT pool_id FROM worker_heartbeats)`;
  return rows.map((r) => r.pool_id);
}

/** One sweep: unlock the jobs of every dead pool so that live workers pick them up. */
export async function sweepDeadPools(
  db: Database,
  utils: Pick<WorkerUtils, "forceUnlockWorkers">,
  staleMs: number,
  ownPoolId: string | null = null,
): Promise<SweepResult> {
  const dead = await findDeadPools(db, staleMs, ownPoolId);
  if (dead.length > 0) await utils.forceUnlockWorkers(dead);
  return { unlocked: dead };
}

/**
 * Jobs that this pool holds locked although none of its workers runs them: their task ended
 * but graphile-worker's completion or failure write did not reach the database (0.18 issues
 * those writes without awaiting them, so an outage at that moment leaves the job locked by a
 * live pool, which no sweeper unlocks, for four hours). Jobs whose task succeeded are completed
 * (deleted, as graphile-worker's own completion does); the others are released to run again
 * (tasks are idempotent). Both statements mirror graphile-worker's completeJobs/returnJobs.
 * `finishedBefore` keeps a completion that is merely slow from being taken for a lost one.
 */
export async function settleOrphanedJobs(
  db: Database,
  poolId: string,
  jobs: {
    running: ReadonlySet<string>;
    succeeded: ReadonlySet<string>;
    finishedBefore: (id: string) => boolean;
  },
): Promise<{ completed: string[]; released: string[] }> {
  const locked = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM graphile_worker.jobs WHERE locked_by = ${poolId}`;
  const orphans = locked
    .map((r) => r.id)
    .filter((id) => !jobs.running.has(id) && jobs.finishedBefore(id));
  if (orphans.length === 0) return { completed: [], released: [] };
  const done = orphans.filter((id) => jobs.succeeded.has(id));
  const retry = orphans.filter((id) => !jobs.succeeded.has(id));
  const rows = await db.$queryRaw<{ id: string; outcome: "completed" | "released" }[]>`
    WITH completed AS (
      DELETE FROM graphile_worker._private_jobs
      WHERE id = ANY(${done}::bigint[]) AND locked_by = ${poolId}
      RETURNING id, job_queue_id
    ), released AS (
      UPDATE graphile_worker._private_jobs SET locked_by = NULL, locked_at = NULL
      WHERE id = ANY(${retry}::bigint[]) AND locked_by = ${poolId}
      RETURNING id, job_queue_id
    ), queues AS (
      UPDATE graphile_worker._private_job_queues SET locked_by = NULL, locked_at = NULL
      WHERE locked_by = ${poolId}
        AND id IN (SELECT job_queue_id FROM completed UNION SELECT job_queue_id FROM released)
    )
    SELECT id::text AS id, 'completed' AS outcome FROM completed
    UNION ALL SELECT id::text, 'released' FROM released`;
  return {
    completed: rows.filter((r) => r.outcome === "completed").map((r) => r.id),
    released: rows.filter((r) => r.outcome === "released").map((r) => r.id),
  };
}

export interface PoolSupervisor {
  /** Call when the pool exists (graphile-worker's `pool:create`). */
  poolStarted(poolId: string): void;
  /** graphile-worker's `job:start`. */
  jobStarted(jobId: string): void;
  /** graphile-worker's `job:complete` (the task ended; its completion write is under way). */
  jobFinished(jobId: string, succeeded: boolean): void;
  /** After the pool stopped: stops beating and sweeping, releases any job the pool still
   * holds, and removes its heartbeat (a clean exit). */
  stop(): Promise<void>;
}

/**
 * Crash recovery for graphile-worker, whose locks otherwise last four hours: this process's
 * pool writes a heartbeat every `intervalMs`, and every `sweepIntervalMs` it unlocks the jobs
 * of pools whose heartbeat is older than `staleMs`. A job of a SIGKILLed worker therefore runs
 * again within about staleMs + sweepIntervalMs + the poll interval.
 */
export function superviseWorkerPool(
  db: Database,
  connectionString: string,
  settings: HeartbeatSettings,
  report: { warn(message: string): void; info(message: string): void },
): PoolSupervisor {
  let poolId: string | null = null;
  let utils: WorkerUtils | null = null;
  let stopped = false;
  const loops: { timer?: NodeJS.Timeout; running?: Promise<void> }[] = [];
  const running = new Set<string>();
  /** Jobs whose task ended, with when and how, until the database shows them settled. */
  const finished = new Map<string, { at: number; succeeded: boolean }>();
  // When this process last failed to reach the database (0: never).
  let lastBeatFailedAt = 0;

  const beat = async () => {
    if (!poolId || stopped) return;
    try {
      await db.$executeRaw`
        INSERT INTO worker_heartbeats (pool_id, hostname, pid) VALUES (${poolId}, ${os.hostname()}, ${process.pid})
        ON CONFLICT (pool_id) DO UPDATE SET last_seen_at = now()`;
    } catch (error) {
      lastBeatFailedAt = Date.now();
      report.warn(`could not write the worker heartbeat: ${String(error)}`);
    }
  };

  const settle = async () => {
    if (!poolId || stopped) return;
    try {
      const graceBefore = Date.now() - settings.intervalMs;
      const succeeded = new Set([...finished].filter(([, f]) => f.succeeded).map(([id]) => id));
      const { completed, released } = await settleOrphanedJobs(db, poolId, {
        running,
        succeeded,
        finishedBefore: (id) => (finished.get(id)?.at ?? 0) < graceBefore,
      });
      if (completed.length > 0 || released.length > 0)
        report.warn(
          `settled jobs whose completion was lost: completed ${completed.join(", ") || "none"}, run again ${released.join(", ") || "none"}`,
        );
      // Whatever the database no longer shows locked by us is settled: forget it.
      const stillLocked = new Set(
        (
          await db.$queryRaw<{ id: string }[]>`
            SELECT id::text AS id FROM graphile_worker.jobs WHERE locked_by = ${poolId}`
        ).map((r) => r.id),
      );
      for (const [id, f] of finished)
        if (!stillLocked.has(id) && f.at < graceBefore) finished.delete(id);
    } catch (error) {
      report.warn(`could not settle this pool's finished jobs: ${String(error)}`);
    }
  };

  const sweep = async () => {
    if (stopped) return;
    // After an outage every pool's heartbeat is stale at once: wait until the others have had
    // a full stale period to beat again, rather than unlock jobs they are still running.
    if (lastBeatFailedAt > 0 && Date.now() - lastBeatFailedAt < settings.staleMs) return;
    try {
      utils ??= await makeWorkerUtils({ connectionString });
      const { unlocked } = await sweepDeadPools(db, utils, settings.staleMs, poolId);
      if (unlocked.length > 0)
        report.info(`unlocked the jobs of dead worker pools: ${unlocked.join(", ")}`);
    } catch (error) {
      report.warn(`could not sweep for dead worker pools: ${String(error)}`);
    }
  };

  // Serialized: a slow beat or sweep never overlaps the next one.
  const every = (ms: number, fn: () => Promise<void>) => {
    const loop: (typeof loops)[number] = {};
    loops.push(loop);
    const tick = () => {
      loop.running = fn().finally(() => {
        if (!stopped) loop.timer = setTimeout(tick, ms).unref();
      });
    };
    tick();
  };

  return {
    poolStarted(id) {
      if (poolId) return;
      poolId = id;
      // The pool exists, so graphile-worker's schema does too: start beating and sweeping.
      every(settings.intervalMs, beat);
      every(settings.sweepIntervalMs, sweep);
      every(settings.sweepIntervalMs, settle);
    },
    jobStarted(id) {
      running.add(id);
    },
    jobFinished(id, succeeded) {
      running.delete(id);
      finished.set(id, { at: Date.now(), succeeded });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const loop of loops) clearTimeout(loop.timer);
      await Promise.all(loops.map((loop) => loop.running ?? Promise.resolve()));
      if (poolId) {
        // graphile-worker fails an aborted job without waiting for the write, and the pool's
        // connections may close first: whatever this stopped pool still holds is orphaned.
        try {
          utils ??= await makeWorkerUtils({ connectionString });
          await utils.forceUnlockWorkers([poolId]);
        } catch (error) {
          report.warn(
            `could not release the jobs of this worker pool (the sweeper will): ${String(error)}`,
          );
        }
        await db.$executeRaw`DELETE FROM worker_heartbeats WHERE pool_id = ${poolId}`.catch(
          () => undefined,
        );
      }
      await utils?.release();
    },
  };
}
