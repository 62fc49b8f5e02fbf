import { createHmac, randomBytes } from "node:crypto";

/** Standard Webhooks secrets: "whsec_" and the base64 of the HMAC key. */
export const SECRET_PREFIX = "whsec_";

export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64");
}

function keyOf(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return Buffer.from(encoded, "base64");
}

/**
 * The `webhook-signature` header: "v1,<base64 HMAC-SHA256 of id.timestamp.body>" for each
 * secret, space-separated, so a receiver holding either secret verifies during a rotation.
 */
export function signatureHeader(
  id: string,
  timestampSeconds: number,
  body: string,
  secrets: readonly string[],
): string {
  const content = `${id}.${timestampSeconds}.${body}`;
  return secrets
    .map((secret) => `v1,${createHmac("sha256", keyOf(secret)).update(content).digest("base64")}`)
    .join(" ");
}
