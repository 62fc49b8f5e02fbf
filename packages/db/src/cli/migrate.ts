import { openDevDatabase } from "../harness";
import { migrateAll } from "../migrate";
import { describeDatabase } from "./describe";

/** `pnpm db:migrate`: applies pending migrations to the dev database. */
async function main(): Promise<void> {
  const handle = await openDevDatabase();
  try {
    console.info(`Database: ${describeDatabase(handle)}`);
    const { applied, alreadyApplied } = await migrateAll(handle.url);
    if (applied.length === 0) console.info(`No pending migrations (${alreadyApplied} already applied).`);
    else console.info(`Applied ${applied.length} migration(s):\n${applied.map((name) => `  ${name}`).join("\n")}`);
  } finally {
    await handle.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
