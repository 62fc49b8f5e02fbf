import { type Prisma } from "@parley/db";
import { type z } from "zod";
import { MAIL_TASK, mailJobPayloadSchema } from "./contracts";

/** SMTP failures are retried by graphile-worker with its exponential backoff (about 3 hours
 * over 10 attempts), so a mail server that is down for a while loses nothing. */
export const MAIL_MAX_ATTEMPTS = 10;

/**
 * Queues one mail in the caller's transaction: it exists exactly when the transaction commits,
 * and the worker sends it afterwards (never inside a request). SQL only, like enqueueAgentJob.
 */
export async function enqueueMail(
  tx: Prisma.TransactionClient,
  payload: z.input<typeof mailJobPayloadSchema>,
): Promise<void> {
  const parsed = mailJobPayloadSchema.parse(payload);
  await tx.$queryRaw`
    SELECT (graphile_worker.add_job(
      ${MAIL_TASK}::text,
      ${JSON.stringify(parsed)}::json,
      max_attempts => ${MAIL_MAX_ATTEMPTS}::int)).id::text AS id`;
}
