import pino from "pino";

/**
 * The level before the env is validated: a value pino does not know would throw here, at
 * import, as a stack trace that does not name the variable. It falls back to info instead,
 * and the env schema stops the process with a line naming LOG_LEVEL.
 */
function initialLevel(value: string | undefined): string {
  const known = value !== undefined && (value === "silent" || value in pino.levels.values);
  return known ? value : "info";
}

/** The one structured logger. Never log secrets or message bodies. */
export const logger = pino({
  name: "parley",
  level: initialLevel(process.env.LOG_LEVEL), // eslint-disable-line no-restricted-properties -- the logger exists before env validation
  redact: { paths: ["password", "token", "*.password", "*.token", "authorization", "*.authorization"], remove: true },
});

export type Logger = pino.Logger;
