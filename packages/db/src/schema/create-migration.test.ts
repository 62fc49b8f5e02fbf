import { describe, expect, it } from "vitest";
import { migrationSlug, migrationTimestamp, riskyStatements } from "./create-migration";

describe("migrationTimestamp", () => {
  it("is Prisma's UTC yyyyMMddHHmmss", () => {
    expect(migrationTimestamp(new Date("2026-12-01T09:05:07.123Z"), [])).toBe("20261201090507");
  });

  it("stays after the newest existing migration when the clock is behind", () => {
    const existing = ["20261126170000_init", "20261201090507_later", "migration_lock.toml"];
    expect(migrationTimestamp(new Date("2026-11-30T00:00:00Z"), existing)).toBe("20261201090508");
    expect(migrationTimestamp(new Date("2026-12-31T23:59:59Z"), ["20261231235959_x"])).toBe("20270101000000");
  });
});

describe("migrationSlug", () => {
  it("makes snake_case names and refuses empty ones", () => {
    expect(migrationSlug("Add label Archived-flag")).toBe("add_label_archived_flag");
    expect(() => migrationSlug("--")).toThrow(/not a usable migration name/);
  });
});

describe("riskyStatements", () => {
  it("names statements that drop data or can fail on existing rows", () => {
    const sql = [
      "-- AlterTable",
      'ALTER TABLE "labels" ADD COLUMN "pinned" BOOLEAN NOT NULL DEFAULT false;',
      "",
      "-- AlterTable",
      'ALTER TABLE "attachments" DROP COLUMN "sha256";',
      'ALTER TABLE "users" ALTER COLUMN "handle" SET NOT NULL;',
      'ALTER TABLE "users" ALTER COLUMN "email" SET DATA TYPE VARCHAR(200);',
      'DROP TABLE "old";',
    ].join("\n");
    expect(riskyStatements(sql)).toEqual([
      'ALTER TABLE "attachments" DROP COLUMN "sha256"',
      'ALTER TABLE "users" ALTER COLUMN "handle" SET NOT NULL',
      'ALTER TABLE "users" ALTER COLUMN "email" SET DATA TYPE VARCHAR(200)',
      'DROP TABLE "old"',
    ]);
  });
});
