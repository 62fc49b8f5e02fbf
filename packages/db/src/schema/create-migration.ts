import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { checkSchemaDrift } from "./drift";
import { isEmptyMigration, prismaMigrateDiff } from "./prisma-diff";

export interface BaseCandidate {
  /** Where this schema comes from, for messages ("HEAD", a commit). */
  label: string;
  /** The schema text, or null when that source has none. */
  read(): Promise<string | null>;
}

export type CreateMigrationResult =
  | { status: "up-to-date" }
  | { status: "created"; name: string; dir: string; sql: string; base: string; risky: string[] };

/** A migration folder name's lower-case snake_case part. */
export function migrationSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 100);
  if (!slug) throw new Error(`"${name}" is not a usable migration name: use letters, digits and underscores`);
  return slug;
}

/** Prisma's UTC yyyyMMddHHmmss prefix, kept after the newest existing one so order holds. */
export function migrationTimestamp(now: Date, existing: string[]): string {
  const format = (d: Date) => d.toISOString().replace(/\D/g, "").slice(0, 14);
  const newest = existing.map((name) => name.slice(0, 14)).filter((p) => /^\d{14}$/.test(p)).sort().at(-1);
  let stamp = format(now);
  if (newest && stamp <= newest) {
    const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(newest) ?? [];
    stamp = format(new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s) + 1)));
  }
  return stamp;
}

// `migrate diff --script` prints no data-loss warnings (only `migrate dev` does), so spot the
// statements that lose data or fail on existing rows here.
const RISKY = /\bDROP\s+(TABLE|COLUMN|TYPE)\b|\bALTER\s+COLUMN\s+\S+\s+(SET\s+DATA\s+)?TYPE\b|\bSET\s+NOT\s+NULL\b/i;

/** Statements of `sql` that drop data or may fail on rows already in the table. */
export function riskyStatements(sql: string): string[] {
  return sql
    .split(";")
    .map((statement) =>
      statement
        .split("\n")
        .filter((line) => !line.trim().startsWith("--"))
        .join(" ")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter((statement) => RISKY.test(statement));
}

/**
 * Writes the next migration: the SQL Prisma 6 gives from the base schema to `schema`. The base
 * is the first candidate that the migrations folder builds exactly (checked like the drift
 * test), so a base that does not match the folder can never produce a wrong migration. The new
 * folder is then checked the same way.
 */
export async function createMigration(options: {
  serverUrl: string;
  name: string;
  schema: string;
  baseCandidates: BaseCandidate[];
  migrationsDir: string;
  scratchPrefix: string;
  now?: Date;
  log?: (line: string) => void;
}): Promise<CreateMigrationResult> {
  const { serverUrl, schema, migrationsDir, scratchPrefix } = options;
  const log = options.log ?? (() => undefined);
  let scratch = 0;
  const drift = (text: string) =>
    checkSchemaDrift({ serverUrl, schema: text, migrationsDir, scratchName: `${scratchPrefix}_${scratch++}` });

  const current = await drift(schema);
  if (current.differences.length === 0) return { status: "up-to-date" };

  let base: { label: string; schema: string } | undefined;
  const tried: string[] = [];
  for (const candidate of options.baseCandidates) {
    const text = await candidate.read();
    if (text === null || text === schema) continue;
    tried.push(candidate.label);
    log(`Checking that prisma/migrations builds the schema.prisma of ${candidate.label} ...`);
    if ((await drift(text)).differences.length === 0) {
      base = { label: candidate.label, schema: text };
      break;
    }
  }
  if (!base) {
    throw new Error(
      `No base schema found: prisma/migrations builds none of ${tried.join(", ") || "the candidates"}.\n` +
        `Pass --from <git-ref> naming a commit whose schema.prisma the migrations produce.\n` +
        `How the migrations differ from schema.prisma now:\n${current.report}`,
    );
  }

  const sql = await prismaMigrateDiff({ from: base.schema, to: schema, databaseUrl: serverUrl });
  if (isEmptyMigration(sql)) throw new Error(`Prisma found no change from ${base.label}, yet the drift check did:\n${current.report}`);

  const existing = (await readdir(migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  const name = `${migrationTimestamp(options.now ?? new Date(), existing)}_${migrationSlug(options.name)}`;
  const dir = path.join(migrationsDir, name);
  await mkdir(dir);
  await writeFile(path.join(dir, "migration.sql"), sql);

  const after = await drift(schema);
  if (after.differences.length > 0) {
    throw new Error(`Wrote ${dir}, but the migrations still differ from schema.prisma; edit or delete it:\n${after.report}`);
  }
  return { status: "created", name, dir, sql, base: base.label, risky: riskyStatements(sql) };
}
