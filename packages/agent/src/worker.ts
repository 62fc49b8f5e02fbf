import { readAgentEnv } from "./env";
import { log } from "./logger";
import { startAgentWorker } from "./runtime";

/** The worker process: graphile-worker over the app's PostgreSQL. graphile-worker handles
 * SIGTERM/SIGINT, letting running jobs finish before it exits. */
async function main(): Promise<void> {
  const env = readAgentEnv();
  if (!env.DATABASE_URL)
    throw new Error(
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
  log.fatal({ err: error }, "worker stopped");
  process.exit(1);
});
