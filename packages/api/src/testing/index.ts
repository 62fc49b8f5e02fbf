import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

export interface StandaloneServer {
  /** Base URL of the tRPC endpoint, e.g. http://127.0.0.1:43121 */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the API in a separate Node process on `databaseUrl` (its own pool, LISTEN
 * connection and event bus), as a second web instance would be.
 */
export async function startStandaloneServer(databaseUrl: string): Promise<StandaloneServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    // tsx is resolved from this package, so callers need not install it.
    ["--import", import.meta.resolve("tsx"), fileURLToPath(new URL("./standalone-server.ts", import.meta.url))],
    { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" }, stdio: ["ignore", "pipe", "inherit"] },
  );
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await once(child, "exit");
  };
  let output = "";
  if (child.stdout) {
    for await (const chunk of child.stdout) {
      output += String(chunk);
      const match = /listening (\d+)/.exec(output);
      if (match) return { url: `http://127.0.0.1:${match[1]}`, stop };
    }
  }
  await stop();
  throw new Error(`the API server exited before listening: ${output}`);
}
export { raiseRateLimits } from "./rate-limits";
