import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { childProcessEnv } from "../env";

const packageRoot = fileURLToPath(new URL("../..", import.meta.url));
const prisma6Cli = path.join(packageRoot, "node_modules", "prisma6", "build", "index.js");

/**
 * The config sits in packages/db so that its imports resolve. engine "js" with an adapter makes
 * Prisma 6 compute the diff with its wasm engine (no native schema engine can be had here);
 * allowExitOnIdle keeps the adapter's idle pool from holding the CLI open for 10 s.
 */
const CONFIG = `import { defineConfig } from "prisma6/config";
import { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL, allowExitOnIdle: true }),
});
`;

/**
 * A Prisma 7 schema as the Prisma 6 CLI accepts it: no generator blocks (they name a Prisma 7
 * generator) and a datasource `url`, which Prisma 6 requires.
 */
export function toPrisma6Schema(schema: string): string {
  const withoutGenerators = schema.replace(/^generator\s+\w+\s*\{[^}]*\}[ \t]*\r?\n?/gm, "");
  return withoutGenerators.replace(/^(datasource\s+\w+\s*\{)([^}]*)\}/m, (block, head: string, body: string) =>
    /^\s*url\s*=/m.test(body) ? block : `${head}\n  url = env("DATABASE_URL")${body}}`,
  );
}

/** True when Prisma's SQL holds no statement (it prints "-- This is an empty migration."). */
export function isEmptyMigration(sql: string): boolean {
  return sql
    .split("\n")
    .map((line) => line.trim())
    .every((line) => line === "" || line.startsWith("--"));
}

/**
 * The SQL that takes a database from schema `from` (null: an empty database) to schema `to`,
 * computed by Prisma 6.19.3's `migrate diff --script`, as Prisma would write it into a
 * migration. `databaseUrl` must reach a PostgreSQL server: the adapter connects, nothing is
 * changed there.
 */
export function prismaMigrateDiff(options: { from: string | null; to: string; databaseUrl: string }): Promise<string> {
  // The answer depends only on the two schemas, and each CLI run costs a second or two.
  const key = JSON.stringify([options.from, options.to]);
  let sql = computed.get(key);
  if (!sql) {
    sql = runPrismaMigrateDiff(options);
    computed.set(key, sql);
    sql.catch(() => computed.delete(key));
  }
  return sql;
}

const computed = new Map<string, Promise<string>>();

const CONFIG_PREFIX = ".prisma6-diff-";

/** Configs left by a run that was killed mid-diff (git-ignored, but clutter). */
async function removeStaleConfigs(): Promise<void> {
  for (const name of await readdir(packageRoot)) {
    if (!name.startsWith(CONFIG_PREFIX)) continue;
    const file = path.join(packageRoot, name);
    const age = Date.now() - (await stat(file).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    if (age > 10 * 60_000) await rm(file, { force: true });
  }
}

async function runPrismaMigrateDiff(options: { from: string | null; to: string; databaseUrl: string }): Promise<string> {
  await removeStaleConfigs();
  if (!existsSync(prisma6Cli)) throw new Error(`Prisma 6 CLI not found at ${prisma6Cli} (the "prisma6" dev dependency)`);
  const tmp = await mkdtemp(path.join(os.tmpdir(), "parley-prisma-diff-"));
  const configFile = path.join(packageRoot, `${CONFIG_PREFIX}${randomBytes(4).toString("hex")}.config.mjs`);
  try {
    await writeFile(configFile, CONFIG);
    const toFile = path.join(tmp, "to.prisma");
    await writeFile(toFile, toPrisma6Schema(options.to));
    const fromFile = path.join(tmp, "from.prisma");
    if (options.from !== null) await writeFile(fromFile, toPrisma6Schema(options.from));
    const fromArgs = options.from === null ? ["--from-empty"] : ["--from-schema-datamodel", fromFile];
    const args = [prisma6Cli, "migrate", "diff", "--config", configFile, ...fromArgs, "--to-schema-datamodel", toFile, "--script"];
    // Any existing file satisfies the engine checks: with engine "js" neither engine runs.
    const env = childProcessEnv({
      DATABASE_URL: options.databaseUrl,
      PRISMA_QUERY_ENGINE_LIBRARY: prisma6Cli,
      PRISMA_SCHEMA_ENGINE_BINARY: prisma6Cli,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    });
    const { stdout } = await promisify(execFile)(process.execPath, args, {
      cwd: packageRoot,
      env,
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: unknown) => {
      const stderr = (error as { stderr?: string }).stderr ?? "";
      throw new Error(`prisma migrate diff failed:\n${stderr.trim()}`, { cause: error });
    });
    return stdout;
  } finally {
    await rm(configFile, { force: true });
    await rm(tmp, { recursive: true, force: true });
  }
}
