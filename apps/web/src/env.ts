import { z } from "zod";
import { checkEnv, parseEnv } from "@parley/db";
import { apiEnvSchemas, readServerEnv, type ServerEnv } from "@parley/api/server";

const webOnlySchema = z.object({
  /**
   * Proxies in front of the app that append to X-Forwarded-For (a load balancer, nginx with
   * $proxy_add_x_forwarded_for). The client's address is that many entries from the right;
   * with 1 and no proxy it is the address Next.js itself records.
   */
  PARLEY_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  /** The port of the web server (server/main.ts); `--port` overrides it. */
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
});

/**
 * Every env schema the web process reads: checked at once before the server starts (and by
 * the `pnpm dev`/`pnpm start` preflight before any process starts).
 */
export const webEnvSchemas: readonly z.ZodObject[] = [...apiEnvSchemas, webOnlySchema];

/** Throws one ConfigError naming every bad variable of the web process. */
export const checkWebEnv = (source: NodeJS.ProcessEnv = process.env) => checkEnv(webEnvSchemas, source);

export type WebEnv = ServerEnv & z.infer<typeof webOnlySchema>;

let cached: WebEnv | undefined;

/**
 * The web app's settings: the API's validated server env plus the web's own, and the one
 * variable next-auth v4 reads from process.env by itself (NEXTAUTH_URL, from PUBLIC_URL).
 */
export function webEnv(): WebEnv {
  if (cached) return cached;
  const env = { ...readServerEnv(), ...parseEnv(webOnlySchema) };
  process.env.NEXTAUTH_URL ??= env.PUBLIC_URL;
  cached = env;
  return env;
}
