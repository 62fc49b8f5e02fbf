import { parseArgs } from "node:util";
import { createDatabase } from "../client";
import { openDevDatabase } from "../harness";
import { migrateAll } from "../migrate";
import { DEMO_PASSWORD, users } from "../seed/content";
import { DatabaseNotEmptyError, seedDemo } from "../seed/seed";
import { describeDatabase } from "./describe";

/** `pnpm db:seed [--reset]`: migrates the dev database and fills it with a demo community. */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { reset: { type: "boolean", default: false } } });
  const handle = await openDevDatabase();
  const db = createDatabase(handle.url, { max: 2 });
  try {
    console.info(`Database: ${describeDatabase(handle)}`);
    const { applied } = await migrateAll(handle.url);
    if (applied.length > 0) console.info(`Applied ${applied.join(", ")}`);
    const started = performance.now();
    const summary = await seedDemo(db, { reset: values.reset });
    console.info(
      `Seeded ${summary.users} users, ${summary.labels} labels, ${summary.discussions} discussions, ` +
        `${summary.messages} messages, ${summary.revisions} revisions in ${Math.round(performance.now() - started)} ms.`,
    );
    const admin = users.find((u) => u.role === "admin");
    console.info(`Sign in as ${admin?.email ?? "any demo user"} (admin) or any other demo user with the password "${DEMO_PASSWORD}".`);
    return 0;
  } catch (error) {
    if (error instanceof DatabaseNotEmptyError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await db.$disconnect();
    await handle.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
