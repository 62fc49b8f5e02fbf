export { createDatabase, DATABASE_LIMITS, type Database, type DatabaseLimits } from "./client";
export { databaseUnavailability, RETRY_AFTER_SECONDS, type Unavailability } from "./unavailable";
export { appendEvent, wakeEventReaders, EVENTS_CHANNEL } from "./outbox";
export { uuid7 } from "./uuid7";
export { migrate, migrateAll, pendingMigrations, readMigrations, type MigrateResult } from "./migrate";
export { checkEnv, parseEnv, readDbEnv, dbEnvSchema, ConfigError, type DbEnv } from "./env";
export { Prisma } from "./generated/prisma/client";
export type * from "./generated/prisma/client";
export {
  Role,
  UserStatus,
  DiscussionStatus,
  AgentJobType,
  AgentJobStatus,
} from "./generated/prisma/enums";
