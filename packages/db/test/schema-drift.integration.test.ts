import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { migrationsDir } from "../src/migrate";
import { checkSchemaDrift } from "../src/schema/drift";
import { testDatabaseContext } from "../src/testing";

const schemaFile = new URL("../prisma/schema.prisma", import.meta.url);
const { adminUrl, prefix } = testDatabaseContext();

describe("schema drift", () => {
  it("prisma/migrations builds exactly the database that schema.prisma describes", async () => {
    const schema = await readFile(schemaFile, "utf8");
    const { differences, report } = await checkSchemaDrift({ serverUrl: adminUrl, schema, scratchName: `${prefix}_drift` });
    // On failure the message lists each differing table, column, index, constraint or enum.
    expect(differences.length, `\n${report}\nCreate a migration: pnpm --filter @parley/db migration:create <name>`).toBe(0);
  });

  // The check above is only worth something if it can fail: feed it a schema change that no
  // migration carries, and a migration that the schema does not know.
  it("reports a column, an enum label and an index the migrations lack", async () => {
    const schema = (await readFile(schemaFile, "utf8"))
      .replace(/(model Label \{\n)/, '$1  archived Boolean @default(false)\n  @@index([createdAt])\n')
      .replace(/(enum DiscussionStatus \{\n)/, "$1  archived\n");
    const { differences, report } = await checkSchemaDrift({ serverUrl: adminUrl, schema, scratchName: `${prefix}_drift_schema` });
    expect(differences).toEqual(
      expect.arrayContaining([
        { section: "columns", name: "labels.archived", left: undefined, right: "boolean NOT NULL DEFAULT false" },
        { section: "enums", name: "DiscussionStatus", left: "'open', 'closed'", right: "'archived', 'open', 'closed'" },
        {
          section: "indexes",
          name: "labels_created_at_idx",
          left: undefined,
          right: "CREATE INDEX labels_created_at_idx ON public.labels USING btree (created_at)",
        },
      ]),
    );
    expect(differences, report).toHaveLength(3);
    expect(report).toContain("column labels.archived");
  });

  it("reports an object that only a migration creates, and a changed foreign key", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "parley-migrations-"));
    try {
      await cp(migrationsDir, dir, { recursive: true });
      await mkdir(path.join(dir, "29990101000000_hand_written"));
      await writeFile(
        path.join(dir, "29990101000000_hand_written", "migration.sql"),
        [
          `CREATE INDEX "messages_body_idx" ON "messages" ("body");`,
          `ALTER TABLE "messages" DROP CONSTRAINT "messages_author_id_fkey";`,
          `ALTER TABLE "messages" ADD CONSTRAINT "messages_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE;`,
        ].join("\n"),
      );
      const schema = await readFile(schemaFile, "utf8");
      const { differences } = await checkSchemaDrift({ serverUrl: adminUrl, schema, scratchName: `${prefix}_drift_mig`, migrationsDir: dir });
      expect(differences.map((d) => `${d.section} ${d.name}`).sort()).toEqual([
        "constraints messages.messages_author_id_fkey",
        "indexes messages_body_idx",
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
