import path from "node:path";
import { readDbEnv } from "../env";
import { dataDir } from "./paths";
import { ensureDatabaseExists, startEmbeddedPostgres } from "./embedded";

export { findRepoRoot, dataDir } from "./paths";
export { startEmbeddedPostgres, ensureDatabaseExists, type EmbeddedServer } from "./embedded";

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * The developer's database: `DATABASE_URL` when set, otherwise an embedded PostgreSQL whose
 * data lives under `.data/postgres` in the repository (and so survives restarts).
 */
export async function openDevDatabase(log?: (line: string) => void): Promise<DatabaseHandle> {
  const env = readDbEnv();
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: false, stop: () => Promise.resolve() };
  const server = await startEmbeddedPostgres({
    dir: path.join(dataDir(), "postgres"),
    port: env.PARLEY_EMBEDDED_PG_PORT,
    ...(log ? { log } : {}),
  });
  const url = await ensureDatabaseExists(server.adminUrl, "parley");
  return { url, embedded: true, stop: () => server.stop() };
}
