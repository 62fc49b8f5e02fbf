import { run } from "graphile-worker";
import { readAgentEnv } from "./env";
import { log, workerLogger } from "./logger";
import { taskList } from "./tasks";

/** The worker process: graphile-worker over the app's PostgreSQL. It handles SIGTERM/SIGINT
 * itself, letting running jobs finish before it exits. */
async function main(): Promise<void> {
  const env = readAgentEnv();
  log.level = env.LOG_LEVEL;
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set: start the worker with `pnpm dev`, which provides one");
  const runner = await run({
    connectionString: env.DATABASE_URL,
    concurrency: env.WORKER_CONCURRENCY,
    logger: workerLogger,
    taskList,
    crontab: `0 3 * * * prune_events ?id=prune_events&fill=1d ${JSON.stringify({ olderThanDays: env.EVENTS_RETENTION_DAYS })}`,
  });
  log.info({ concurrency: env.WORKER_CONCURRENCY, tasks: Object.keys(taskList) }, "worker started");
  await runner.promise;
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, "worker stopped");
  process.exit(1);
});
