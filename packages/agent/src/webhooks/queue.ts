import { type Prisma } from "@parley/db";

export const DISPATCH_TASK = "webhooks_dispatch";
export const DELIVER_TASK = "webhooks_deliver";
export const PRUNE_TASK = "webhooks_prune";
/** The outbox_cursors row of the dispatcher. */
export const WEBHOOKS_CONSUMER = "webhooks";

type Sql = Pick<Prisma.TransactionClient, "$queryRaw">;

/** graphile-worker attempts cover crashes only: failed HTTP tries are scheduled by the task. */
const DELIVER_JOB_MAX_ATTEMPTS = 3;

/**
 * Queues (or moves) the one job of a delivery, in the caller's transaction. The job key keeps
 * a single job per delivery: a redelivery replaces a scheduled retry instead of doubling it.
 */
export async function queueDelivery(tx: Sql, deliveryId: string, runAt: Date | null = null): Promise<void> {
  await tx.$queryRaw`
    SELECT (graphile_worker.add_job(
      ${DELIVER_TASK}::text,
      ${JSON.stringify({ deliveryId })}::json,
      run_at => coalesce(${runAt}::timestamptz, now()),
      job_key => ${`webhook_delivery:${deliveryId}`}::text,
      max_attempts => ${DELIVER_JOB_MAX_ATTEMPTS}::int)).id::text AS id`;
}

/** Queues the dispatcher; however often this is called, one job waits at a time. */
export async function queueDispatch(tx: Sql, delayMs = 0): Promise<void> {
  await tx.$queryRaw`
    SELECT (graphile_worker.add_job(
      ${DISPATCH_TASK}::text,
      '{}'::json,
      run_at => now() + make_interval(secs => ${delayMs / 1000}::float8),
      job_key => ${DISPATCH_TASK}::text,
      max_attempts => 5)).id::text AS id`;
}

/**
 * Starts the dispatcher's cursor at the current outbox horizon if it has none, so webhooks see
 * events from (about) now on, never the whole history. Called when an endpoint is created.
 */
export async function ensureDispatchCursor(tx: Sql): Promise<void> {
  await tx.$queryRaw`
    INSERT INTO outbox_cursors (consumer, position, updated_at)
    VALUES (${WEBHOOKS_CONSUMER}, pg_snapshot_xmin(pg_current_snapshot())::text || '-0', now())
    ON CONFLICT (consumer) DO NOTHING
    RETURNING consumer`;
}
