import path from "node:path";
import { readDbEnv } from "../env";
import { dataDir } from "./paths";
import { ensureDatabaseExists, startEmbeddedPostgres } from "./embedded";

export { findRepoRoot, dataDir } from "./paths";
export { startEmbeddedPostgres, ensureDatabaseExists, type EmbeddedServer } from "./embedded";

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  /** True when this call started the embedded server, so `stop()` really stops it. */
  startedHere: boolean;
  /** The embedded cluster's data folder. */
  dataDir?: string;
  stop(): Promise<void>;
}

/**
 * The developer's database: `DATABASE_URL` when set, otherwise an embedded PostgreSQL whose
 * data lives under `.data/postgres` in the repository (and so survives restarts).
 */
export async function openDevDatabase(log?: (line: string) => void): Promise<DatabaseHandle> {
  const env = readDbEnv();
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, embedded: false, startedHere: false, stop: () => Promise.resolve() };
  }
  const dir = path.join(dataDir(), "postgres");
  const server = await startEmbeddedPostgres({ dir, port: env.PARLEY_EMBEDDED_PG_PORT, ...(log ? { log } : {}) });
  try {
    const url = await ensureDatabaseExists(server.adminUrl, "parley");
    return { url, embedded: true, startedHere: server.owned, dataDir: dir, stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
