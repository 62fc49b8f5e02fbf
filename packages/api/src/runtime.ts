import { createDatabase, type Database } from "@parley/db";
import { readServerEnv, type ServerEnv } from "./env";
import { type EventBus, PostgresEventBus } from "./events/bus";
import { unreadableEventAge } from "./events/outbox";
import { logger } from "./logger";
import { metrics } from "./metrics";

/** What one server process shares between requests. */
export interface Runtime {
  env: ServerEnv;
  db: Database;
  events: EventBus;
  close(): Promise<void>;
}

export async function createRuntime(env: ServerEnv = readServerEnv()): Promise<Runtime> {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set: start the app with `pnpm dev`, which provides one");
  const db = createDatabase(env.DATABASE_URL);
  const events = new PostgresEventBus(db, env.DATABASE_URL, logger.child({ component: "events" }));
  await events.start();
  metrics.measureEventLagWith(() => unreadableEventAge(db));
  return {
    env,
    db,
    events,
    async close() {
      metrics.measureEventLagWith(null);
      await events.close();
      await db.$disconnect();
    },
  };
}

const holder = globalThis as typeof globalThis & { parleyRuntime?: Promise<Runtime> };

/** The process's runtime, made on first use (never at import: `next build` imports modules). */
export function getRuntime(): Promise<Runtime> {
  holder.parleyRuntime ??= createRuntime().catch((error: unknown) => {
    holder.parleyRuntime = undefined;
    throw error;
  });
  return holder.parleyRuntime;
}
