import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { dbEnvSchema, parseEnv } from "@parley/db";
import { dataDir } from "@parley/db/paths";

const origins = z
  .string()
  .default("")
  .transform((value) => value.split(",").map((o) => o.trim()).filter(Boolean))
  .pipe(z.array(z.url({ error: "must be a comma-separated list of origins like https://example.com" })));

export const serverEnvSchema = dbEnvSchema.extend({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  APP_SECRET_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  PUBLIC_URL: z.url().default("http://localhost:3000"),
  ALLOWED_ORIGINS: origins,
  GITHUB_ID: z.string().min(1).optional(),
  GITHUB_SECRET: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Live connections (SSE streams and WebSockets) per API token or account, across every instance. */
  PARLEY_LIVE_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(10_000).default(10),
});

export type ServerEnv = Omit<z.infer<typeof serverEnvSchema>, "APP_SECRET_KEY"> & {
  APP_SECRET_KEY: string;
  /** True when no secret was configured and one was generated under .data for local use. */
  secretGenerated: boolean;
};

/** A secret for local development, made once and kept under the git-ignored data folder. */
function localSecret(): string {
  const file = path.join(dataDir(), "secret.key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

let cached: ServerEnv | undefined;

/** The web and API settings, validated once per process. */
export function readServerEnv(source: NodeJS.ProcessEnv = process.env): ServerEnv {
  if (cached && source === process.env) return cached;
  const parsed = parseEnv(serverEnvSchema, source);
  const env: ServerEnv = {
    ...parsed,
    APP_SECRET_KEY: parsed.APP_SECRET_KEY ?? localSecret(),
    secretGenerated: parsed.APP_SECRET_KEY === undefined,
  };
  if (source === process.env) cached = env;
  return env;
}
