import { z } from "zod";
import { parseEnv } from "@parley/db";
import { readServerEnv, type ServerEnv } from "@parley/api/server";

const webOnlySchema = z.object({
  /**
   * Proxies in front of the app that append to X-Forwarded-For (a load balancer, nginx with
   * $proxy_add_x_forwarded_for). The client's address is that many entries from the right;
   * with 1 and no proxy it is the address Next.js itself records.
   */
  PARLEY_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
});

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
