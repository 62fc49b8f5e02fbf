import pg from "pg";
import { migrate, migrationsDir as defaultMigrationsDir } from "../migrate";
import { createEmptyDatabase, dropDatabase } from "../testing/databases";
import { readCatalog } from "./catalog";
import { compareCatalogs, formatDifferences, type CatalogDifference } from "./compare";
import { prismaMigrateDiff } from "./prisma-diff";

export interface DriftReport {
  differences: CatalogDifference[];
  /** Empty when the two databases agree. */
  report: string;
  /** The SQL Prisma gives for the schema from an empty database. */
  schemaSql: string;
}

/**
 * Builds two scratch databases on `serverUrl`, one by applying the migrations folder and one by
 * the SQL Prisma 6 derives from `schema` alone (`--from-empty`), and compares their catalogs.
 * Any difference means the migrations do not produce the schema. Both databases are dropped.
 */
export async function checkSchemaDrift(options: {
  serverUrl: string;
  schema: string;
  /** Prefix of the two scratch databases' names; unique per caller. */
  scratchName: string;
  migrationsDir?: string;
}): Promise<DriftReport> {
  const { serverUrl, scratchName } = options;
  const schemaSql = await prismaMigrateDiff({ from: null, to: options.schema, databaseUrl: serverUrl });
  const migratedName = `${scratchName}_migrated`;
  const expectedName = `${scratchName}_expected`;
  try {
    const [migratedUrl, expectedUrl] = await Promise.all([
      createEmptyDatabase(serverUrl, migratedName),
      createEmptyDatabase(serverUrl, expectedName),
    ]);
    await migrate(migratedUrl, options.migrationsDir ?? defaultMigrationsDir);
    await runSql(expectedUrl, schemaSql);
    const differences = compareCatalogs(await readCatalog(migratedUrl), await readCatalog(expectedUrl));
    const report =
      differences.length === 0
        ? ""
        : `${differences.length} difference(s) between the migrations and schema.prisma:\n` +
          formatDifferences(differences, { left: "migrations:", right: "schema.prisma:" });
    return { differences, report, schemaSql };
  } finally {
    await Promise.all([dropDatabase(serverUrl, migratedName), dropDatabase(serverUrl, expectedName)]);
  }
}

async function runSql(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
