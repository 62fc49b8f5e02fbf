import { fileURLToPath } from "node:url";
import { spawnServer, type StandaloneServer } from "../../src/testing";

/** Starts live-server.entry.ts (REST + /ws) in its own Node process on `databaseUrl`; `url` is its origin. */
export function startLiveInstance(databaseUrl: string, env: Record<string, string> = {}): Promise<StandaloneServer> {
  return spawnServer(fileURLToPath(new URL("./live-server.entry.ts", import.meta.url)), databaseUrl, {
    APP_SECRET_KEY: "test-secret-".padEnd(40, "x"),
    ...env,
  });
}
