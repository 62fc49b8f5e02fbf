import pino from "pino";

/** The one structured logger. Never log secrets or message bodies. */
export const logger = pino({
  name: "parley",
  level: process.env.LOG_LEVEL ?? "info", // eslint-disable-line no-restricted-properties -- the logger exists before env validation
  redact: { paths: ["password", "token", "*.password", "*.token", "authorization", "*.authorization"], remove: true },
});

export type Logger = pino.Logger;
