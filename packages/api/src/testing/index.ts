import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

export interface StandaloneServer {
  /** Base URL of the tRPC endpoint, e.g. http://127.0.0.1:43121 */
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs a server entry file in its own Node process (with tsx, resolved from this package) on
 * `databaseUrl`, and resolves once it prints "listening <port or url>".
 */
export async function spawnServer(
  entry: string,
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<StandaloneServer> {
  const child: ChildProcess = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), entry], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await once(child, "exit");
  };
  let output = "";
  if (child.stdout) {
    for await (const chunk of child.stdout) {
      output += String(chunk);
      const match = /listening (\S+)/.exec(output);
      if (match?.[1]) return { url: /^\d+$/.test(match[1]) ? `http://127.0.0.1:${match[1]}` : match[1], stop };
    }
  }
  await stop();
  throw new Error(`the server (${entry}) exited before listening: ${output}`);
}

/**
 * Starts the API in a separate Node process on `databaseUrl` (its own pool, LISTEN
 * connection and event bus), as a second web instance would be.
 */
export function startStandaloneServer(databaseUrl: string): Promise<StandaloneServer> {
  return spawnServer(fileURLToPath(new URL("./standalone-server.ts", import.meta.url)), databaseUrl);
}

export { raiseRateLimits } from "./rate-limits";
