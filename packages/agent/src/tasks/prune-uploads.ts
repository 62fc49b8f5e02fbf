import { getStorage, type ObjectStorage } from "@parley/storage";
import { type Task } from "graphile-worker";
import { z } from "zod";

export const pruneUploadsPayload = z
  .object({
    /** Uploads on no message for longer than this are deleted. */
    olderThanHours: z.number().int().min(1).max(24 * 365).default(24),
    batchSize: z.number().int().min(1).max(1000).default(200),
  })
  .default({ olderThanHours: 24, batchSize: 200 });

interface Orphan {
  id: string;
  storage_key: string;
  preview_key: string | null;
}

/**
 * Deletes uploads that never made it onto a message (or were taken off one), files first,
 * then rows. The rows stay locked meanwhile, so a message cannot take a file being deleted
 * (message.create then fails cleanly); a storage error rolls the batch back for the retry.
 */
export function createPruneUploadsTask(storage: () => ObjectStorage = getStorage): Task {
  return async (payload, helpers) => {
    const { olderThanHours, batchSize } = pruneUploadsPayload.parse(payload ?? undefined);
    let total = 0;
    for (;;) {
      const pruned = await helpers.withPgClient(async (client) => {
        await client.query("BEGIN");
        try {
          const { rows } = await client.query<Orphan>(
            `SELECT id, storage_key, preview_key FROM attachments
              WHERE message_id IS NULL AND created_at < now() - make_interval(hours => $1)
              ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
            [olderThanHours, batchSize],
          );
          for (const row of rows) {
            await storage().delete(row.storage_key);
            if (row.preview_key) await storage().delete(row.preview_key);
          }
          await client.query("DELETE FROM attachments WHERE id = ANY($1::uuid[])", [rows.map((r) => r.id)]);
          await client.query("COMMIT");
          return rows.length;
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
      });
      total += pruned;
      if (pruned < batchSize) break;
    }
    helpers.logger.info(`pruned ${total} unattached uploads older than ${olderThanHours} hours`);
  };
}

/** Hourly, at minute 17; a missed run (no worker up) is caught up once. */
export const pruneUploadsCrontab = `17 * * * * prune_uploads ?id=prune_uploads&fill=1h ${JSON.stringify({ olderThanHours: 24 })}`;
