import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** The process's one metrics registry; every package adds its metrics here. */
const holder = globalThis as typeof globalThis & { parleyMetrics?: ReturnType<typeof createMetrics> };

function createMetrics() {
  const registry = new Registry();
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
  };
}

export const metrics = (holder.parleyMetrics ??= createMetrics());
