import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { migrationsDir } from "../migrate";
import { createMigration, migrationSlug, migrationTimestamp, type BaseCandidate } from "../schema/create-migration";
import { startThrowawayCluster } from "../testing/server";

const USAGE = `Usage: pnpm --filter @parley/db migration:create <name> [--from <git-ref>] [--empty]

Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes the database
from the schema.prisma that the migrations folder builds (found in git: HEAD, then the commit
that last changed prisma/migrations, or --from) to the current schema.prisma.
--empty writes an empty migration for hand-written SQL instead.`;

const packageRoot = fileURLToPath(new URL("../..", import.meta.url));
const schemaPath = path.join(packageRoot, "prisma", "schema.prisma");

async function git(...args: string[]): Promise<string | null> {
  try {
    const { stdout } = await promisify(execFile)("git", args, { cwd: packageRoot, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch {
    return null;
  }
}

function schemaAt(ref: string, label = ref): BaseCandidate {
  return { label, read: () => git("show", `${ref}:./prisma/schema.prisma`) };
}

function candidates(from: string | undefined): BaseCandidate[] {
  if (from) return [schemaAt(from)];
  const lastMigrationCommit: BaseCandidate = {
    label: "the commit that last changed prisma/migrations",
    async read() {
      const commit = (await git("log", "-1", "--format=%H", "--", "prisma/migrations"))?.trim();
      return commit ? schemaAt(commit).read() : null;
    },
  };
  return [schemaAt("HEAD"), lastMigrationCommit];
}

async function writeEmptyMigration(name: string): Promise<string> {
  const existing = await readdir(migrationsDir);
  const dir = path.join(migrationsDir, `${migrationTimestamp(new Date(), existing)}_${migrationSlug(name)}`);
  await mkdir(dir);
  await writeFile(path.join(dir, "migration.sql"), "-- Hand-written migration: objects Prisma does not model (functions, triggers, data).\n");
  return dir;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { from: { type: "string" }, empty: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  const [name] = positionals;
  if (values.help || !name || positionals.length > 1) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  migrationSlug(name);
  if (values.empty) {
    console.info(`Created ${path.relative(process.cwd(), await writeEmptyMigration(name))}/migration.sql`);
    return 0;
  }

  const server = await startThrowawayCluster();
  try {
    const result = await createMigration({
      serverUrl: server.adminUrl,
      name,
      schema: await readFile(schemaPath, "utf8"),
      baseCandidates: candidates(values.from),
      migrationsDir,
      scratchPrefix: `parley_migration_${randomBytes(3).toString("hex")}`,
      log: (line) => console.info(line),
    });
    if (result.status === "up-to-date") {
      console.info("prisma/migrations already builds schema.prisma: nothing to create.");
      return 0;
    }
    console.info(`\nCreated ${path.relative(process.cwd(), result.dir)}/migration.sql (from the schema of ${result.base}):\n`);
    console.info(result.sql.trimEnd());
    if (result.risky.length > 0) {
      console.warn("\nThese statements lose data or fail on existing rows; add a data step if needed:");
      for (const statement of result.risky) console.warn(`  ${statement}`);
    }
    console.info("\nReview it, then apply it with `pnpm db:migrate` and commit it with schema.prisma.");
    return 0;
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
