import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

export const notificationMailKinds = ["mention", "reply", "review"] as const;
export const notificationMailKindSchema = z.enum(notificationMailKinds);
export type NotificationMailKind = z.infer<typeof notificationMailKindSchema>;

// A key of its own, derived from APP_SECRET_KEY, so this signature means nothing elsewhere.
const keyFrom = (secret: string) =>
  createHmac("sha256", secret).update("parley/unsubscribe/v1").digest();
const mac = (secret: string, body: string) =>
  createHmac("sha256", keyFrom(secret)).update(body).digest("base64url");

/**
 * One-click unsubscribe (RFC 8058) must work without signing in, so the link itself says who
 * and from what, signed with HMAC-SHA256: `<user id>.<kinds>.<signature>`. It never expires
 * (it only ever turns mail off).
 */
export function signUnsubscribe(
  secret: string,
  userId: string,
  kinds: readonly NotificationMailKind[],
): string {
  const body = `${userId}.${[...kinds].sort().join("+")}`;
  return `${body}.${mac(secret, body)}`;
}

const tokenSchema = z.tuple([z.uuid(), z.string().min(1), z.string().min(1)]);

/** The account and kinds a link stands for, or null for a forged or malformed one. */
export function verifyUnsubscribe(
  secret: string,
  token: string,
): { userId: string; kinds: NotificationMailKind[] } | null {
  const parts = tokenSchema.safeParse(token.split("."));
  if (!parts.success) return null;
  const [userId, kindList, signature] = parts.data;
  const expected = Buffer.from(mac(secret, `${userId}.${kindList}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const kinds = z.array(notificationMailKindSchema).min(1).safeParse(kindList.split("+"));
  return kinds.success ? { userId, kinds: kinds.data } : null;
}
