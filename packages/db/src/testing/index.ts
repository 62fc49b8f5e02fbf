import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createDatabase, type Database } from "../client";
import { CONTEXT_KEY, type TestDatabaseContext } from "./context";
import { cloneDatabase, createEmptyDatabase, dropDatabase } from "./databases";

export { findFreePort } from "./free-port";
export { startTestServer, startThrowawayCluster, type TestServer } from "./server";
export { cloneDatabase, createEmptyDatabase, createTemplateDatabase, databaseUrl, dropDatabase } from "./databases";
export type { TestDatabaseContext } from "./context";

export interface TestDatabase {
  name: string;
  url: string;
  /** A Prisma client for this database; `drop()` disconnects it. */
  db: Database;
  /** Disconnects `db` and drops the database (sessions still open on it are ended). */
  drop(): Promise<void>;
}

/** The run's server and template, as the global setup provided them. */
export function testDatabaseContext(): TestDatabaseContext {
  const context = inject(CONTEXT_KEY) as TestDatabaseContext | undefined;
  if (!context) {
    throw new Error(
      'No test database server: add globalSetup: ["@parley/db/testing/global-setup"] to this package\'s vitest config.',
    );
  }
  return context;
}

/**
 * A fresh, fully migrated database copied from the run's template (a few ms). Call it in
 * `beforeAll` (one per test file) or `beforeEach`, and `drop()` it afterwards.
 * `migrated: false` gives an empty database instead (for tests of the migrations themselves).
 */
export async function createTestDatabase(options: { max?: number; migrated?: boolean } = {}): Promise<TestDatabase> {
  const { adminUrl, template, prefix } = testDatabaseContext();
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const url =
    options.migrated === false ? await createEmptyDatabase(adminUrl, name) : await cloneDatabase(adminUrl, template, name);
  const db = createDatabase(url, options.max === undefined ? {} : { max: options.max });
  let dropped = false;
  return {
    name,
    url,
    db,
    async drop() {
      if (dropped) return;
      dropped = true;
      await db.$disconnect();
      await dropDatabase(adminUrl, name);
    },
  };
}
