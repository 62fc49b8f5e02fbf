import { type Database } from "@parley/db";

/**
 * Keeps the delivery log bounded: finished deliveries (and their attempts, by cascade) older
 * than the retention go; pending ones stay whatever their age.
 */
export async function pruneWebhookDeliveries(db: Database, olderThanDays: number, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - olderThanDays * 86_400_000);
  const { count } = await db.webhookDelivery.deleteMany({
    where: { status: { not: "pending" }, createdAt: { lt: before } },
  });
  return count;
}
