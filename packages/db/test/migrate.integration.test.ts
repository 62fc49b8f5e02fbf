import { createHash } from "node:crypto";
import { appendFile, cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrate, migrationsDir, pendingMigrations, readMigrations } from "../src/migrate";
import { createTestDatabase, type TestDatabase } from "../src/testing";

let target: TestDatabase;
let dir: string;

beforeEach(async () => {
  target = await createTestDatabase({ migrated: false });
  // A private copy of the migrations folder, so a test can change or add migrations.
  dir = await mkdtemp(path.join(os.tmpdir(), "parley-migrations-"));
  await cp(migrationsDir, dir, { recursive: true });
});

afterEach(async () => {
  await target.drop();
  await rm(dir, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function addMigration(name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

describe("migrate", () => {
  it("applies every migration once, in name order", async () => {
    const names = (await readMigrations(dir)).map((m) => m.name);
    expect(names.length).toBeGreaterThan(0);
    expect(await pendingMigrations(target.url, dir)).toEqual(names);

    expect(await migrate(target.url, dir)).toEqual({ applied: names, alreadyApplied: 0 });

    expect(await pendingMigrations(target.url, dir)).toEqual([]);
    const tables = await query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["users", "discussions", "messages", "events"]));
  });

  it("applies nothing on a second run, and only the new migration later", async () => {
    const first = await migrate(target.url, dir);
    expect(await migrate(target.url, dir)).toEqual({ applied: [], alreadyApplied: first.applied.length });

    await addMigration("29990101000000_add_label_archived", `ALTER TABLE "labels" ADD COLUMN "archived" BOOLEAN NOT NULL DEFAULT false;\n`);
    expect(await pendingMigrations(target.url, dir)).toEqual(["29990101000000_add_label_archived"]);
    expect(await migrate(target.url, dir)).toEqual({
      applied: ["29990101000000_add_label_archived"],
      alreadyApplied: first.applied.length,
    });
    const columns = await query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'labels' AND column_name = 'archived'`,
    );
    expect(columns).toHaveLength(1);
  });

  it("lets two processes migrate at once without applying anything twice", async () => {
    const results = await Promise.all([migrate(target.url, dir), migrate(target.url, dir)]);
    const appliedTotal = results.flatMap((r) => r.applied);
    expect(appliedTotal).toEqual((await readMigrations(dir)).map((m) => m.name));
    const rows = await query<{ n: string }>(`SELECT count(*) AS n FROM "_prisma_migrations"`);
    expect(Number(rows[0]?.n)).toBe(appliedTotal.length);
  });

  it("refuses to run when an applied migration's file has changed", async () => {
    const [first] = (await migrate(target.url, dir)).applied;
    if (!first) throw new Error("no migration in the folder");
    await appendFile(path.join(dir, first, "migration.sql"), "\n-- edited after it was applied\n");
    await expect(migrate(target.url, dir)).rejects.toThrow(`Migration ${first} was changed after it was applied.`);
  });

  it("rolls a failing migration back entirely and names it", async () => {
    const { applied } = await migrate(target.url, dir);
    await addMigration(
      "29990101000000_broken",
      `CREATE TABLE "half_done" (id INT);\nALTER TABLE "no_such_table" ADD COLUMN x INT;\n`,
    );
    await expect(migrate(target.url, dir)).rejects.toThrow(/Migration 29990101000000_broken failed: .*no_such_table/);
    expect(await query(`SELECT 1 FROM pg_tables WHERE tablename = 'half_done'`)).toEqual([]);
    expect(await pendingMigrations(target.url, dir)).toEqual(["29990101000000_broken"]);
    const rows = await query<{ n: string }>(`SELECT count(*) AS n FROM "_prisma_migrations"`);
    expect(Number(rows[0]?.n)).toBe(applied.length);
  });

  it("keeps _prisma_migrations exactly as Prisma Migrate does", async () => {
    await migrate(target.url, dir);
    const columns = await query<{ column_name: string; data_type: string; max: number | null; nullable: string; column_default: string | null }>(`
      SELECT column_name, data_type, character_maximum_length AS max, is_nullable AS nullable, column_default
      FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`);
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", max: 36, nullable: "NO", column_default: null },
      { column_name: "checksum", data_type: "character varying", max: 64, nullable: "NO", column_default: null },
      { column_name: "finished_at", data_type: "timestamp with time zone", max: null, nullable: "YES", column_default: null },
      { column_name: "migration_name", data_type: "character varying", max: 255, nullable: "NO", column_default: null },
      { column_name: "logs", data_type: "text", max: null, nullable: "YES", column_default: null },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", max: null, nullable: "YES", column_default: null },
      { column_name: "started_at", data_type: "timestamp with time zone", max: null, nullable: "NO", column_default: "now()" },
      { column_name: "applied_steps_count", data_type: "integer", max: null, nullable: "NO", column_default: "0" },
    ]);

    const rows = await query<{
      id: string;
      checksum: string;
      migration_name: string;
      logs: string | null;
      rolled_back_at: Date | null;
      started_at: Date;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    const migrations = await readMigrations(dir);
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      const file = migrations[i];
      if (!file) throw new Error("row without a migration file");
      // Prisma records the SHA-256 of the file's bytes, hex, and a v4 UUID as id.
      expect(row.checksum).toBe(createHash("sha256").update(file.sql).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row).toMatchObject({ logs: null, rolled_back_at: null, applied_steps_count: 1 });
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at?.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
    }
  });
});
