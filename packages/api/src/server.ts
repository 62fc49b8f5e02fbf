/** Server-only helpers for apps/web (never import from client components). */
export { getRuntime, createRuntime, type Runtime } from "./runtime";
export { readServerEnv, type ServerEnv } from "./env";
export { apiEnvSchemas } from "./process-env";
export { text } from "./routers/text";
export { authenticateWithPassword, upsertOAuthUser, type AccountSummary } from "./services/accounts";
export { checkReadiness, notReady, type ReadinessReport } from "./readiness";
export { signInWithPassword } from "./rate-limit/sign-in";
export { PostgresRateLimiter } from "./rate-limit/postgres-limiter";
export { DomainError, typedTRPCError, unavailableError } from "./errors";
export { retryAfterResponseMeta } from "./trpc";
export { validSessionUserId } from "./auth/session";
export { accountLinkProblem, type LinkProblem } from "./services/account-links";
export { unsubscribeByLink } from "./services/mail-settings";
export { logger } from "./logger";
export { metrics } from "./metrics";
export { createAttachmentHttp } from "./services/attachments-http";
// The dev outbox page (apps/web /dev/outbox) reads what the worker wrote when SMTP_URL is unset.
export { readOutbox, type OutboxEntry } from "@parley/agent/mail";
