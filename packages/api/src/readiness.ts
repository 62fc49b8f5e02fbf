import { databaseUnavailability, pendingMigrations } from "@parley/db";
import { unreadableEventAge } from "./events/outbox";
import { type Runtime } from "./runtime";

/** What /api/ready can name as down. */
export type Dependency = "database" | "migrations" | "listener";

export interface ReadinessReport {
  ok: boolean;
  database: boolean;
  migrations: boolean;
  listener: boolean;
  /** The dependencies that are down, so an operator sees which without reading logs. */
  down: Dependency[];
  /** Age of the oldest event live streams cannot read yet (metric parley_events_unreadable_age_seconds). */
  eventLagSeconds: number | null;
}

/** The answer while the runtime itself cannot be made (the database was unreachable at start). */
export function notReady(error: unknown): ReadinessReport {
  const down: Dependency[] = databaseUnavailability(error) ? ["database"] : ["database", "migrations", "listener"];
  return { ok: false, database: false, migrations: false, listener: false, down, eventLagSeconds: null };
}

/**
 * For /api/ready: the database answers, every migration is applied, the listener is connected;
 * `down` names what is not. The event lag is reported, never a reason to leave rotation: a long
 * transaction elsewhere on the server holds back every instance alike.
 */
export async function checkReadiness(runtime: Runtime): Promise<ReadinessReport> {
  const database = await runtime.db.$queryRaw`SELECT 1`.then(() => true, () => false);
  const migrations =
    database && runtime.env.DATABASE_URL
      ? await pendingMigrations(runtime.env.DATABASE_URL).then((pending) => pending.length === 0, () => false)
      : false;
  const listener = runtime.events.listening;
  const eventLagSeconds = database ? await unreadableEventAge(runtime.db).catch(() => null) : null;
  const down: Dependency[] = [];
  if (!database) down.push("database");
  if (!migrations) down.push("migrations");
  if (!listener) down.push("listener");
  return { ok: down.length === 0, database, migrations, listener, down, eventLagSeconds };
}
