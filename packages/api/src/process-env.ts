import type { z } from "zod";
import { agentEnvSchema } from "@parley/agent/env";
import { storageEnvSchema } from "@parley/storage";
import { serverEnvSchema } from "./env";

/**
 * Every env schema the API reads in a web process: its own, the agent's (the toxicity check
 * runs while posting) and storage's (attachments). The web app adds its own and checks them
 * all before it starts (apps/web/src/env.ts).
 */
export const apiEnvSchemas: readonly z.ZodObject[] = [
  serverEnvSchema,
  agentEnvSchema,
  storageEnvSchema,
];
