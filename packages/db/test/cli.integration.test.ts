import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pendingMigrations } from "../src/migrate";
import { createTestDatabase, type TestDatabase } from "../src/testing";

const packageRoot = fileURLToPath(new URL("..", import.meta.url));
const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));

// DATABASE_URL points the CLIs at a throwaway database, so the developer's .data is untouched.
function runCli(script: string, args: string[], databaseUrl: string) {
  return spawnSync(tsx, [script, ...args], {
    cwd: packageRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    timeout: 60_000,
  });
}

let target: TestDatabase;
beforeAll(async () => {
  target = await createTestDatabase({ migrated: false });
});
afterAll(async () => {
  await target.drop();
});

describe("with-db", () => {
  it("migrates, runs the command with DATABASE_URL set and exits with its code", async () => {
    const child = `console.log("url=" + process.env.DATABASE_URL); process.exit(7)`;
    const result = runCli("src/cli/with-db.ts", ["--", process.execPath, "-e", child], target.url);
    expect(result.stdout).toContain(`url=${target.url}`);
    expect(result.stdout).toContain("[with-db] applied 20261126170000_init");
    expect(result.status).toBe(7);
    expect(await pendingMigrations(target.url)).toEqual([]);
  });

  it("refuses to run without a command", () => {
    const result = runCli("src/cli/with-db.ts", ["--"], target.url);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Usage: with-db -- <command>");
  });
});

describe("migrate CLI", () => {
  it("reports that nothing is pending on a migrated database, without the password", () => {
    const result = runCli("src/cli/migrate.ts", [], target.url);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/No pending migrations \(\d+ already applied\)/);
    expect(result.stdout).not.toContain(":parley@");
  });
});
