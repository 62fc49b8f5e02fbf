import { mkdtemp, rm } from "node:fs/promises";
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

/** An embedded cluster in a new temporary folder on a free port; stop() deletes the folder. */
export async function startThrowawayCluster(log?: (line: string) => void): Promise<TestServer> {
  // The free port can be taken between the probe and postgres binding it: try a few times.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const dir = await mkdtemp(path.join(os.tmpdir(), "parley-test-pg-"));
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
