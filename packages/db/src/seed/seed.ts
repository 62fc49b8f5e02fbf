import { hash } from "@node-rs/argon2";
import type { Database } from "../client";
import { DEMO_PASSWORD, users } from "./content";
import { buildDemoPlan } from "./plan";

export interface SeedSummary {
  users: number;
  labels: number;
  discussions: number;
  messages: number;
  revisions: number;
}

export class DatabaseNotEmptyError extends Error {
  override name = "DatabaseNotEmptyError";
}

/** Row counts of the tables a demo would collide with. */
async function existingRows(db: Database): Promise<string[]> {
  const counts = { users: await db.user.count(), discussions: await db.discussion.count(), labels: await db.label.count() };
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([table, n]) => `${n} ${table}`);
}

/** Empties every table of the app (not Prisma's bookkeeping, not other schemas), in the caller's transaction. */
async function truncateAppTables(db: Pick<Database, "$queryRaw" | "$executeRawUnsafe">): Promise<void> {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT quote_ident(tablename) AS name FROM pg_tables
    WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  if (tables.length === 0) return;
  // The audit log refuses TRUNCATE; a deliberate reset of a demo database lifts that for its
  // own transaction only (ALTER TABLE is transactional).
  await db.$executeRawUnsafe(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate`);
  await db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => t.name).join(", ")} RESTART IDENTITY CASCADE`);
  await db.$executeRawUnsafe(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_truncate`);
}

/**
 * Fills the database with the demo community (see content.ts). Refuses a database that already
 * has users, discussions or labels unless `reset`, which first empties every app table.
 */
export async function seedDemo(db: Database, options: { reset?: boolean; now?: Date } = {}): Promise<SeedSummary> {
  const found = await existingRows(db);
  if (found.length > 0 && !options.reset) {
    throw new DatabaseNotEmptyError(`The database is not empty (${found.join(", ")}). Run with --reset to wipe it and seed again.`);
  }
  // argon2id with the library's defaults, like sign-up; one salt per account.
  const passwordHashes = await Promise.all([...users, null].map(() => hash(DEMO_PASSWORD)));
  const plan = buildDemoPlan({ now: options.now ?? new Date(), passwordHashes });

  await db.$transaction(
    async (tx) => {
      if (options.reset) await truncateAppTables(tx);
      await tx.user.createMany({ data: plan.users });
      await tx.label.createMany({ data: plan.labels });
      await tx.discussion.createMany({ data: plan.discussions });
      await tx.discussionLabel.createMany({ data: plan.discussionLabels });
      await tx.message.createMany({ data: plan.messages });
      await tx.messageRevision.createMany({ data: plan.revisions });
      await tx.auditLog.createMany({ data: plan.auditLog });
    },
    { timeout: 60_000 },
  );
  return {
    users: plan.users.length,
    labels: plan.labels.length,
    discussions: plan.discussions.length,
    messages: plan.messages.length,
    revisions: plan.revisions.length,
  };
}
