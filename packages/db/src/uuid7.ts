import { randomBytes } from "node:crypto";

/**
 * A version 7 UUID for the given time (RFC 9562): 48 bits of Unix milliseconds, then random
 * bits. Rows made outside Prisma (raw SQL, the seed) get ids of the same kind as its `uuid(7)`.
 */
export function uuid7(unixMs: number): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(unixMs, 0, 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
