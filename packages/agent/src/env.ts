import { z } from "zod";
import { dbEnvSchema, parseEnv } from "@parley/db";

export const agentEnvSchema = dbEnvSchema.extend({
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
  EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});
export type AgentEnv = z.infer<typeof agentEnvSchema>;

export const readAgentEnv = (source: NodeJS.ProcessEnv = process.env): AgentEnv => parseEnv(agentEnvSchema, source);
