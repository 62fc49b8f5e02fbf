import { type Database } from "@parley/db";
import { type TaskList } from "graphile-worker";
import { log } from "../logger";
import { type Resolver } from "./address-guard";
import { type WebhookEnv } from "./env";
import { DISPATCH_TASK, PRUNE_TASK } from "./queue";
import { createWebhookTasks } from "./tasks";
import { startDispatchTrigger } from "./trigger";

/**
 * The worker's webhook part: the dispatch, delivery and prune tasks, the trigger that queues
 * the dispatcher when events arrive, and crontab lines (a last-resort dispatch every minute,
 * the nightly prune).
 */
export function startWebhooks(options: {
  db: Database;
  connectionString: string;
  env: WebhookEnv;
  resolver?: Resolver;
}): { tasks: TaskList; crontab: string; stop(): Promise<void> } {
  const warn = (message: string) => log.warn({ scope: "webhooks" }, message);
  const tasks = createWebhookTasks({ ...options, warn });
  const trigger = startDispatchTrigger({
    db: options.db,
    connectionString: options.connectionString,
    pollMs: options.env.WEBHOOK_DISPATCH_POLL_MS,
    warn,
  });
  return {
    tasks,
    crontab: [
      `* * * * * ${DISPATCH_TASK} ?id=${DISPATCH_TASK}`,
      `30 3 * * * ${PRUNE_TASK} ?id=${PRUNE_TASK}&fill=1d`,
    ].join("\n"),
    stop: () => trigger.stop(),
  };
}
