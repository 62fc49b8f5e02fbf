import type { z } from "zod";
import { storageEnvSchema } from "@parley/storage";
import { agentEnvSchema } from "./env";
import { mailEnvSchema } from "./mail/env";
import { summaryEnvSchema } from "./summaries/env";
import { webhookEnvSchema } from "./webhooks/env";

export { agentEnvSchema, webhookEnvSchema };

/**
 * Every env schema the worker process reads. worker.ts checks them all before it starts, and
 * so does the `pnpm dev`/`pnpm start` preflight (packages/scripts) before any process starts;
 * the settings check in `pnpm test` compares their names with .env.example and turbo.json.
 */
export const workerEnvSchemas: readonly z.ZodObject[] = [
  agentEnvSchema,
  webhookEnvSchema,
  storageEnvSchema,
  mailEnvSchema,
  summaryEnvSchema,
];
