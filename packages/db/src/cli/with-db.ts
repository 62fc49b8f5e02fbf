import { spawn } from "node:child_process";
import { childProcessEnv } from "../env";
import { openDevDatabase } from "../harness";
import { migrateAll } from "../migrate";
import { describeDatabase } from "./describe";

const USAGE = "Usage: with-db -- <command> [args...]   (runs the command with DATABASE_URL set)";
const FORWARDED = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

function commandFromArgs(argv: string[]): string[] {
  const separator = argv.indexOf("--");
  return separator === -1 ? argv : argv.slice(separator + 1);
}

/**
 * `with-db -- <command...>`: opens the dev database (embedded under .data/postgres unless
 * DATABASE_URL is set), migrates it, runs the command with DATABASE_URL in its environment,
 * and stops the embedded server once the command has exited, exiting with its code.
 */
async function main(): Promise<number> {
  const [command, ...args] = commandFromArgs(process.argv.slice(2));
  if (!command) {
    console.error(USAGE);
    return 2;
  }

  const handle = await openDevDatabase();
  try {
    console.info(`[with-db] ${describeDatabase(handle)}`);
    const { applied } = await migrateAll(handle.url);
    if (applied.length > 0) console.info(`[with-db] applied ${applied.join(", ")}`);
  } catch (error) {
    await handle.stop();
    throw error;
  }

  // The command gets the signals we get and shuts down in its own time; the embedded server
  // runs in its own process group, so it stays up until the command has exited.
  const child = spawn(command, args, { stdio: "inherit", env: childProcessEnv({ DATABASE_URL: handle.url }) });
  for (const signal of FORWARDED) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }

  const outcome = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve({ code, signal }));
  }).catch(async (error: unknown) => {
    await handle.stop();
    throw new Error(`Could not run ${command}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  });

  if (handle.startedHere) console.info("[with-db] stopping the embedded PostgreSQL");
  await handle.stop();
  if (outcome.signal) return 128 + (SIGNAL_NUMBERS[outcome.signal] ?? 1);
  return outcome.code ?? 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[with-db] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
