import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { TestProject } from "vitest/node";
import { CONTEXT_KEY, type TestDatabaseContext } from "./context";
import { createTemplateDatabase, dropDatabasesWithPrefix } from "./databases";
import { startTestServer } from "./server";

/**
 * vitest globalSetup: one PostgreSQL and one migrated template database per test run; test
 * files copy the template with `createTestDatabase()`. List it in a package's vitest config as
 * `globalSetup: ["@parley/db/testing/global-setup"]`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  const server = await startTestServer();
  const serverReady = performance.now();
  // A run id keeps concurrent runs (several packages on one CI server) apart.
  const prefix = `parley_test_${randomBytes(4).toString("hex")}`;
  const context: TestDatabaseContext = { adminUrl: server.adminUrl, template: `${prefix}_template`, prefix };
  try {
    await createTemplateDatabase(server.adminUrl, context.template);
  } catch (error) {
    await server.stop();
    throw error;
  }
  const templateReady = performance.now();
  project.provide(CONTEXT_KEY, context);
  console.info(
    `[@parley/db] test Postgres: ${server.embedded ? "embedded cluster started" : "DATABASE_URL server reached"} in ` +
      `${Math.round(serverReady - started)} ms, template migrated in ${Math.round(templateReady - serverReady)} ms`,
  );

  return async () => {
    // The embedded cluster takes its databases with it; a shared server must be cleaned.
    if (!server.embedded) await dropDatabasesWithPrefix(server.adminUrl, prefix);
    await server.stop();
  };
}
