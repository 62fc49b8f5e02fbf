import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** The process's one metrics registry; every package adds its metrics here. */
const holder = globalThis as typeof globalThis & { parleyMetrics?: ReturnType<typeof createMetrics> };

function createMetrics() {
  const registry = new Registry();
  /** Set by the runtime: how to read the outbox's lag (a database query) at scrape time. */
  let readEventLag: (() => Promise<number>) | null = null;
  collectDefaultMetrics({ register: registry, prefix: "parley_" });
  return {
    registry,
    procedureDuration: new Histogram({
      name: "parley_trpc_procedure_duration_seconds",
      help: "Time to answer a tRPC query or mutation",
      labelNames: ["path", "type", "code"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    liveSubscribers: new Gauge({
      name: "parley_live_subscribers",
      help: "Open live-update subscriptions in this process",
      registers: [registry],
    }),
    eventsFannedOut: new Counter({
      name: "parley_events_read_total",
      help: "Outbox events read by this process's event bus",
      registers: [registry],
    }),
    unreadableEventAge: new Gauge({
      name: "parley_events_unreadable_age_seconds",
      help:
        "Age of the oldest committed outbox event that live streams cannot read yet, held back by an " +
        "older transaction still open on the database server (0 when none waits; NaN when the database " +
        "cannot be asked). Alert when it stays above a few seconds: see docs/live-updates.md",
      registers: [registry],
      async collect() {
        if (!readEventLag) return;
        this.set(await readEventLag().catch(() => Number.NaN));
      },
    }),
    /** The runtime registers the query for parley_events_unreadable_age_seconds here. */
    measureEventLagWith(read: (() => Promise<number>) | null): void {
      readEventLag = read;
    },
  };
}

export const metrics = (holder.parleyMetrics ??= createMetrics());
