import { type Database } from "@parley/db";
import { type TaskList } from "graphile-worker";
import { z } from "zod";
import { type Resolver, systemResolver } from "./address-guard";
import { deliverWebhook } from "./deliver";
import { dispatchWebhooks } from "./dispatch";
import { type WebhookEnv, webhookSecretKey } from "./env";
import { pruneWebhookDeliveries } from "./prune";
import { DELIVER_TASK, DISPATCH_TASK, PRUNE_TASK } from "./queue";
import { createSecretBox } from "./secret-box";

const deliverPayload = z.object({ deliveryId: z.uuid() });

export interface WebhookTaskOptions {
  db: Database;
  env: WebhookEnv;
  /** Tests inject one; the worker resolves with the system's DNS. */
  resolver?: Resolver;
  warn: (message: string) => void;
}

export function createWebhookTasks(options: WebhookTaskOptions): TaskList {
  const { db, env } = options;
  let secretBox: ReturnType<typeof createSecretBox> | null = null;
  const deps = () => {
    // Lazily: in local development the web app may generate the key after the worker starts.
    secretBox ??= createSecretBox(webhookSecretKey(env));
    return {
      db,
      secretBox,
      resolver: options.resolver ?? systemResolver,
      retryDelaysMs: env.WEBHOOK_RETRY_DELAYS_MS,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      maxResponseBytes: env.WEBHOOK_MAX_RESPONSE_BYTES,
      health: {
        disableAfterMs: env.WEBHOOK_DISABLE_AFTER_MS,
        disableAfterExhausted: env.WEBHOOK_DISABLE_AFTER_EXHAUSTED,
      },
      warn: options.warn,
    };
  };
  return {
    [DISPATCH_TASK]: async () => {
      await dispatchWebhooks(db);
    },
    [DELIVER_TASK]: async (payload) => {
      await deliverWebhook(deps(), deliverPayload.parse(payload).deliveryId);
    },
    [PRUNE_TASK]: async (_payload, helpers) => {
      const count = await pruneWebhookDeliveries(db, env.WEBHOOK_RETENTION_DAYS);
      helpers.logger.info(`pruned ${count} webhook deliveries older than ${env.WEBHOOK_RETENTION_DAYS} days`);
    },
  };
}
