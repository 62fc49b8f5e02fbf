import { type Task } from "graphile-worker";
import { z } from "zod";

export const pruneEventsPayload = z.object({ olderThanDays: z.number().int().min(1).max(3650) });

/**
 * Keeps the events outbox bounded. A client that resumes from an event older than the
 * retention gets the live stream from now on and refetches the thread.
 */
export const pruneEvents: Task = async (payload, helpers) => {
  const { olderThanDays } = pruneEventsPayload.parse(payload);
  const result = await helpers.query(
    "DELETE FROM events WHERE created_at < now() - make_interval(days => $1)",
    [olderThanDays],
  );
  helpers.logger.info(`pruned ${result.rowCount ?? 0} events older than ${olderThanDays} days`);
};
