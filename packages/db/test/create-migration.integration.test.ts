import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrationsDir } from "../src/migrate";
import { createMigration } from "../src/schema/create-migration";
import { testDatabaseContext } from "../src/testing";

const { adminUrl, prefix } = testDatabaseContext();
const committed = await readFile(new URL("../prisma/schema.prisma", import.meta.url), "utf8");
const changed = committed.replace(/(model Label \{\n)/, "$1  pinned Boolean @default(false)\n");
const fixed = (schema: string) => ({ label: "the committed schema", read: () => Promise.resolve(schema) });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "parley-migrations-"));
  await cp(migrationsDir, dir, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("createMigration", () => {
  it("writes the SQL from the base schema to the new one, and the folder then builds the new schema", async () => {
    const result = await createMigration({
      serverUrl: adminUrl,
      name: "Pin labels",
      schema: changed,
      baseCandidates: [fixed(committed)],
      migrationsDir: dir,
      scratchPrefix: `${prefix}_create1`,
      now: new Date("2999-01-02T03:04:05Z"),
    });
    expect(result).toMatchObject({ status: "created", name: "29990102030405_pin_labels", risky: [] });
    const sql = await readFile(path.join(dir, "29990102030405_pin_labels", "migration.sql"), "utf8");
    expect(sql).toMatch(/ALTER TABLE "labels" ADD COLUMN\s+"pinned" BOOLEAN NOT NULL DEFAULT false;/);

    const again = await createMigration({
      serverUrl: adminUrl,
      name: "again",
      schema: changed,
      baseCandidates: [fixed(committed)],
      migrationsDir: dir,
      scratchPrefix: `${prefix}_create2`,
    });
    expect(again).toEqual({ status: "up-to-date" });
  });

  it("refuses a base schema that the migrations folder does not build", async () => {
    const unrelated = committed.replace(/(model Label \{\n)/, "$1  hidden Boolean @default(false)\n");
    await expect(
      createMigration({
        serverUrl: adminUrl,
        name: "pin",
        schema: changed,
        baseCandidates: [fixed(unrelated)],
        migrationsDir: dir,
        scratchPrefix: `${prefix}_create3`,
      }),
    ).rejects.toThrow(/No base schema found[\s\S]*column labels.pinned/);
    expect((await readdir(dir)).sort()).toEqual((await readdir(migrationsDir)).sort());
  });
});
