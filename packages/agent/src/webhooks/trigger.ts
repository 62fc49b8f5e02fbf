import { type Database, EVENTS_CHANNEL } from "@parley/db";
import pg from "pg";
import { dispatchHasWork } from "./dispatch";
import { queueDispatch } from "./queue";

export interface DispatchTrigger {
  stop(): Promise<void>;
}

/**
 * Queues the dispatcher promptly: on each wake-up of the events channel (the same payload-free
 * NOTIFY the event bus listens to) and on a timer in case one was lost, but only when the
 * outbox holds events past the webhooks cursor. Coalesced in-process and by the job key.
 */
export function startDispatchTrigger(opts: {
  db: Database;
  connectionString: string;
  pollMs: number;
  warn: (message: string) => void;
}): DispatchTrigger {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let listener: pg.Client | null = null;
  let reconnect: NodeJS.Timeout | undefined;

  const check = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      if (await dispatchHasWork(opts.db)) await queueDispatch(opts.db);
    })()
      .catch((error: unknown) => opts.warn(`webhook dispatch trigger failed: ${String(error)}`))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          check();
        }
      });
  };

  const retry = (): void => {
    listener = null;
    if (stopped || reconnect) return;
    reconnect = setTimeout(() => {
      reconnect = undefined;
      connect().catch((error: unknown) => {
        opts.warn(`webhook trigger could not listen: ${String(error)}`);
        retry();
      });
    }, 1000);
    reconnect.unref();
  };
  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: opts.connectionString });
    client.on("notification", check);
    client.on("error", retry);
    client.on("end", retry);
    await client.connect();
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    if (stopped) {
      await client.end();
      return;
    }
    listener = client;
    check();
  };
  connect().catch((error: unknown) => {
    opts.warn(`webhook trigger could not listen: ${String(error)}`);
    retry();
  });
  const timer = setInterval(check, opts.pollMs);
  timer.unref();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(reconnect);
      await running;
      await listener?.end().catch(() => undefined);
    },
  };
}
