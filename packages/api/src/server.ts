/** Server-only helpers for apps/web (never import from client components). */
export { getRuntime, createRuntime, type Runtime } from "./runtime";
export { readServerEnv, type ServerEnv } from "./env";
export { authenticateWithPassword, upsertOAuthUser, type AccountSummary } from "./services/accounts";
export { checkReadiness } from "./readiness";
export { logger } from "./logger";
export { metrics } from "./metrics";
