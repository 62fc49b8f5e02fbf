import { pendingMigrations } from "@parley/db";
import { type Runtime } from "./runtime";

/** For /api/ready: the database answers, every migration is applied, the listener is connected. */
export async function checkReadiness(runtime: Runtime) {
  const database = await runtime.db.$queryRaw`SELECT 1`.then(() => true, () => false);
  const migrations =
    database && runtime.env.DATABASE_URL
      ? await pendingMigrations(runtime.env.DATABASE_URL).then((pending) => pending.length === 0, () => false)
      : false;
  const listener = runtime.events.listening;
  return { ok: database && migrations && listener, database, migrations, listener };
}
