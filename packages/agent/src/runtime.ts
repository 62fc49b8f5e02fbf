import { EventEmitter } from "node:events";
import { createDatabase, type Database } from "@parley/db";
import { run, type Runner, runMigrations, type WorkerEvents } from "graphile-worker";
import { type AgentEnv } from "./env";
import { superviseWorkerPool } from "./heartbeat";
import { log, workerLogger } from "./logger";
import { createProvider, resolveProviderKind } from "./providers/select";
import { type AgentProvider } from "./providers/types";
import { agentSettingsFrom } from "./settings";
import { createTaskList, mailNotificationsCrontab } from "./tasks";
import { pruneUploadsCrontab } from "./tasks/prune-uploads";
import { readWebhookEnv, type WebhookEnv } from "./webhooks/env";
import { type Resolver } from "./webhooks/address-guard";
import { startWebhooks } from "./webhooks/start";

export interface AgentWorker {
  runner: Runner;
  db: Database;
  provider: AgentProvider;
  /** Graceful: running jobs finish (or are handed back), connections close. */
  stop(): Promise<void>;
}

export interface StartAgentWorkerOptions {
  env: AgentEnv;
  connectionString: string;
  /** For tests and benchmarks: a provider instead of the one the settings select. */
  provider?: AgentProvider;
  /** graphile-worker's poll interval (ms); LISTEN wakes it sooner for new jobs. */
  pollInterval?: number;
  /** Let graphile-worker handle SIGTERM/SIGINT (the worker process does; tests do not). */
  handleSignals?: boolean;
  /** Webhook delivery settings (default: from the environment) and, for tests, a resolver. */
  webhooks?: { env?: WebhookEnv; resolver?: Resolver };
}

/**
 * Installs or upgrades graphile-worker's schema. The worker does it on start; a deploy's
 * migrate step should too, so that the API can enqueue jobs before any worker has run.
 */
export function installWorkerSchema(connectionString: string): Promise<void> {
  return runMigrations({ connectionString, logger: workerLogger });
}

/** Starts a worker pool running every task, with the crontab. */
export async function startAgentWorker(options: StartAgentWorkerOptions): Promise<AgentWorker> {
  const { env } = options;
  log.level = env.LOG_LEVEL;
  const db = createDatabase(options.connectionString, {
    max: Math.max(4, env.WORKER_CONCURRENCY + 2),
  });
  const provider =
    options.provider ??
    createProvider(env, ({ attempt, delayMs, reason }) =>
      log.warn({ attempt, delayMs }, `provider call retried: ${reason}`),
    );
  const webhooks = startWebhooks({
    db,
    connectionString: options.connectionString,
    env: options.webhooks?.env ?? readWebhookEnv(),
    ...(options.webhooks?.resolver ? { resolver: options.webhooks.resolver } : {}),
  });
  const taskList = {
    ...createTaskList({ db, provider, settings: agentSettingsFrom(env) }),
    ...webhooks.tasks,
  };
  const supervisor = superviseWorkerPool(
    db,
    options.connectionString,
    {
      intervalMs: env.WORKER_HEARTBEAT_INTERVAL_MS,
      staleMs: env.WORKER_HEARTBEAT_STALE_MS,
      sweepIntervalMs: env.WORKER_SWEEP_INTERVAL_MS,
    },
    { warn: (m) => log.warn(m), info: (m) => log.info(m) },
  );
  const events: WorkerEvents = new EventEmitter();
  events.on("pool:create", ({ workerPool }) => supervisor.poolStarted(workerPool.id));
  events.on("job:start", ({ job }) => supervisor.jobStarted(job.id));
  events.on("job:complete", ({ job, error }) => supervisor.jobFinished(job.id, !error));
  const runner = await run({
    events,
    connectionString: options.connectionString,
    concurrency: env.WORKER_CONCURRENCY,
    logger: workerLogger,
    taskList,
    noHandleSignals: options.handleSignals !== true,
    gracefulShutdownAbortTimeout: env.WORKER_SHUTDOWN_ABORT_MS,
    ...(options.pollInterval === undefined ? {} : { pollInterval: options.pollInterval }),
    crontab: [
      `0 3 * * * prune_events ?id=prune_events&fill=1d ${JSON.stringify({ olderThanDays: env.EVENTS_RETENTION_DAYS })}`,
      webhooks.crontab,
      pruneUploadsCrontab,
      mailNotificationsCrontab,
    ].join("\n"),
  });
  log.info(
    {
      concurrency: env.WORKER_CONCURRENCY,
      tasks: Object.keys(taskList),
      provider: resolveProviderKind(env),
    },
    "worker started",
  );
  let stopped: Promise<void> | null = null;
  return {
    runner,
    db,
    provider,
    stop() {
      stopped ??= (async () => {
        await webhooks.stop();
        await runner.stop().catch(() => undefined);
        // Only now: while jobs still run, the heartbeat must keep them from being unlocked.
        await supervisor.stop();
        await db.$disconnect();
      })();
      return stopped;
    },
  };
}
