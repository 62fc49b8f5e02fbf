import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseEnv } from "@parley/db";
import { dataDir } from "@parley/db/paths";

const delays = z
  .string()
  .transform((value) => value.split(",").map((d) => Number(d.trim())))
  .pipe(z.array(z.number().int().min(0).max(7 * 86_400_000)).min(1));

export const webhookEnvSchema = z.object({
  /** The key that webhook secrets are sealed with; the web app must have the same one. */
  APP_SECRET_KEY: z.string().min(32).optional(),
  /** Waits before each retry, in ms (about a day in all); tests shorten them. */
  WEBHOOK_RETRY_DELAYS_MS: delays.default([
    5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
  ]),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  WEBHOOK_MAX_RESPONSE_BYTES: z.coerce.number().int().min(0).max(65_536).default(4096),
  /** An endpoint is disabled once every delivery has failed for this long... */
  WEBHOOK_DISABLE_AFTER_MS: z.coerce.number().int().min(0).default(5 * 86_400_000),
  /** ...or after this many deliveries in a row failed every retry. */
  WEBHOOK_DISABLE_AFTER_EXHAUSTED: z.coerce.number().int().min(1).default(20),
  /** Finished deliveries (with their attempt log) are kept this long. */
  WEBHOOK_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** The fallback that picks up events whose wake-up was missed. */
  WEBHOOK_DISPATCH_POLL_MS: z.coerce.number().int().min(100).default(5_000),
});
export type WebhookEnv = z.infer<typeof webhookEnvSchema>;

export const readWebhookEnv = (source: NodeJS.ProcessEnv = process.env): WebhookEnv =>
  parseEnv(webhookEnvSchema, source);

/**
 * APP_SECRET_KEY, or in local development the one the web app generated under .data (made
 * here, exclusively, if the worker happens to start first).
 */
export function webhookSecretKey(env: Pick<WebhookEnv, "APP_SECRET_KEY">): string {
  if (env.APP_SECRET_KEY) return env.APP_SECRET_KEY;
  const file = path.join(dataDir(), "secret.key");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch {
      // another process made it first
    }
    return readFileSync(file, "utf8").trim();
  }
}
