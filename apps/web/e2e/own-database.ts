import { chmod, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { migrateAll } from "@parley/db";
import { ensureDatabaseExists, startEmbeddedPostgres } from "@parley/db/harness";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

/** A migrated PostgreSQL of its own in a temp folder, for specs that start their own servers. */
export async function ownDatabase(
  name: string,
): Promise<{ url: string; dir: string; stop(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `parley-${name}-`));
  // The embedded server runs as the `postgres` user when we are root: it must be able to enter the folder.
  await chmod(dir, 0o755);
  const postgres = await startEmbeddedPostgres({
    dir: path.join(dir, "pg"),
    port: await freePort(),
    persistent: false,
  });
  const url = await ensureDatabaseExists(postgres.adminUrl, `parley_${name}`);
  await migrateAll(url);
  return {
    url,
    dir,
    async stop() {
      await postgres.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
