import { fileURLToPath } from "node:url";
import { spawnServer, type StandaloneServer } from "../../src/testing";

export type RestInstance = StandaloneServer;

/** Starts rest-server.entry.ts in its own Node process on `databaseUrl`. */
export function startRestInstance(databaseUrl: string, env: Record<string, string> = {}): Promise<RestInstance> {
  return spawnServer(fileURLToPath(new URL("./rest-server.entry.ts", import.meta.url)), databaseUrl, {
    APP_SECRET_KEY: "test-secret-".padEnd(40, "x"),
    ...env,
  });
}
