import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { readDbEnv } from "../env";
import { startEmbeddedPostgres } from "../harness/embedded";
import { findFreePort } from "./free-port";

export interface TestServer {
  /** A URL with the right to create databases (the embedded cluster's `postgres` database). */
  adminUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL server for one test run: the server in `DATABASE_URL` when it is set (CI's
 * Postgres service), otherwise a throwaway embedded cluster. The developer's `.data` cluster
 * is never used.
 */
export async function startTestServer(log?: (line: string) => void): Promise<TestServer> {
  const { DATABASE_URL } = readDbEnv();
  if (DATABASE_URL) return { adminUrl: DATABASE_URL, embedded: false, stop: () => Promise.resolve() };
  return startThrowawayCluster(log);
}

const CLUSTER_PREFIX = "parley-test-pg-";
const STALE_AFTER_MS = 60 * 60_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Deletes throwaway clusters that a killed test run left behind: older than an hour and with
 * no running server. Younger folders may belong to a run that is starting right now.
 */
async function sweepStaleClusters(): Promise<void> {
  const entries = await readdir(os.tmpdir()).catch(() => []);
  for (const name of entries.filter((n) => n.startsWith(CLUSTER_PREFIX))) {
    const dir = path.join(os.tmpdir(), name);
    try {
      if (Date.now() - (await stat(dir)).mtimeMs < STALE_AFTER_MS) continue;
      const pid = Number((await readFile(path.join(dir, "postmaster.pid"), "utf8").catch(() => "")).split("\n")[0]);
      if (pid > 0 && isAlive(pid)) continue;
      await rm(dir, { recursive: true, force: true });
    } catch {
      // Another run may be sweeping the same folder.
    }
  }
}

/** An embedded cluster in a new temporary folder on a free port; stop() deletes the folder. */
export async function startThrowawayCluster(log?: (line: string) => void): Promise<TestServer> {
  await sweepStaleClusters();
  // The free port can be taken between the probe and postgres binding it: try a few times.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const dir = await mkdtemp(path.join(os.tmpdir(), CLUSTER_PREFIX));
    try {
      const server = await startEmbeddedPostgres({
        dir,
        port: await findFreePort(),
        persistent: false,
        ...(log ? { log } : {}),
      });
      return {
        adminUrl: server.adminUrl,
        embedded: true,
        async stop() {
          await server.stop();
          await rm(dir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = error;
      await rm(dir, { recursive: true, force: true });
    }
  }
  throw new Error("Could not start an embedded PostgreSQL", { cause: lastError });
}
