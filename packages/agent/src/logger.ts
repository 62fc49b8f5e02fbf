import { Logger } from "graphile-worker";
import pino from "pino";

export const log = pino({ name: "parley-worker" });

/** graphile-worker's log lines go through the same structured logger as everything else. */
export const workerLogger = new Logger((scope) => (level, message, meta) => {
  const child = log.child({ scope });
  const method =
    level === "error"
      ? "error"
      : level === "warning"
        ? "warn"
        : level === "debug"
          ? "debug"
          : "info";
  child[method](meta, message);
});
