import { checkEnv, ConfigError } from "@parley/db";
import { readAgentEnv } from "./env";
import { log } from "./logger";
import { workerEnvSchemas } from "./process-env";
import { startAgentWorker } from "./runtime";

/** The worker process: graphile-worker over the app's PostgreSQL. graphile-worker handles
 * SIGTERM/SIGINT, letting running jobs finish before it exits. */
async function main(): Promise<void> {
  // Every setting the worker reads, checked before anything starts.
  checkEnv(workerEnvSchemas);
  const env = readAgentEnv();
  log.level = env.LOG_LEVEL;
  if (!env.DATABASE_URL)
    throw new ConfigError(
      "DATABASE_URL is not set: start the worker with `pnpm dev`, which provides one",
    );
  const worker = await startAgentWorker({
    env,
    connectionString: env.DATABASE_URL,
    handleSignals: true,
  });
  try {
    await worker.runner.promise;
  } finally {
    await worker.stop();
  }
}

main().catch((error: unknown) => {
  // A bad setting is the operator's to fix: one line naming it, not a stack trace.
  if (error instanceof ConfigError) console.error(`[worker] ${error.message}`);
  else log.fatal({ err: error }, "worker stopped");
  process.exit(1);
});
