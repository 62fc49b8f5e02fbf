import { checkEnv, ConfigError, databaseUnavailability } from "@parley/db";
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

// graphile-worker 0.18 writes a job's completion or failure without awaiting it (worker.js), so
// a database outage at that moment rejects a promise nobody handles, and Node would end the
// process. The job stays locked by this live pool; the supervisor completes it or runs it again
// once the database is back (heartbeat.ts, settleOrphanedJobs). Anything else is still fatal.
process.on("unhandledRejection", (reason: unknown) => {
  if (databaseUnavailability(reason)) {
    log.warn(
      { err: reason },
      "a database write failed while the database was unavailable; the job will be settled when it is back",
    );
    return;
  }
  log.fatal({ err: reason }, "unhandled rejection");
  process.exit(1);
});

main().catch((error: unknown) => {
  // A bad setting is the operator's to fix: one line naming it, not a stack trace.
  if (error instanceof ConfigError) console.error(`[worker] ${error.message}`);
  else log.fatal({ err: error }, "worker stopped");
  process.exit(1);
});
