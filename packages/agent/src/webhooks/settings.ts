import { type Database, type Prisma } from "@parley/db";

/** Site setting: webhooks may target loopback and private addresses (local development only). */
export const ALLOW_PRIVATE_TARGETS_SETTING = "webhooks.allowPrivateTargets";

type Reader = Pick<Database | Prisma.TransactionClient, "siteSetting">;

export async function readAllowPrivateTargets(db: Reader): Promise<boolean> {
  const row = await db.siteSetting.findUnique({
    where: { key: ALLOW_PRIVATE_TARGETS_SETTING },
    select: { value: true },
  });
  return row?.value === true;
}
