import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

export interface RestInstance {
  url: string;
  stop(): Promise<void>;
}

/** Starts rest-server.entry.ts in its own Node process on `databaseUrl`. */
export async function startRestInstance(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<RestInstance> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("./rest-server.entry.ts", import.meta.url))],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: "warn",
        APP_SECRET_KEY: "test-secret-".padEnd(40, "x"),
        ...env,
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
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
      const match = /listening (\S+)/.exec(output);
      if (match?.[1]) return { url: match[1], stop };
    }
  }
  await stop();
  throw new Error(`the REST server exited before listening: ${output}`);
}
