import { z } from "zod";

export const dbEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  PARLEY_EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
});

export type DbEnv = z.infer<typeof dbEnvSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Parses settings with a package's schema; bad values throw one line that names each variable
 * (`Invalid configuration: LOG_LEVEL: ...; APP_SECRET_KEY: ...`), for a process to print as is.
 */
export function parseEnv<T extends z.ZodType>(schema: T, source: NodeJS.ProcessEnv = process.env): z.infer<T> {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`);
  }
  return parsed.data;
}

/**
 * Validates every env schema a process reads, at once: one ConfigError (one line) lists every
 * bad variable, so a process can refuse to start before anything else happens.
 */
export function checkEnv(schemas: readonly z.ZodType[], source: NodeJS.ProcessEnv = process.env): void {
  const problems = new Map<string, string>();
  for (const schema of schemas) {
    const parsed = schema.safeParse(source);
    if (parsed.success) continue;
    for (const issue of parsed.error.issues) {
      const name = issue.path.join(".");
      if (!problems.has(name)) problems.set(name, `${name}: ${issue.message}`);
    }
  }
  if (problems.size > 0) throw new ConfigError(`Invalid configuration: ${[...problems.values()].join("; ")}`);
}

export function readDbEnv(source: NodeJS.ProcessEnv = process.env): DbEnv {
  return parseEnv(dbEnvSchema, source);
}

/** This process's environment plus `extra`, for child processes (the CLIs and dev tools). */
export function childProcessEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
