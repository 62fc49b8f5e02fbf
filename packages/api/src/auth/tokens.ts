import { createHash, randomBytes } from "node:crypto";

const TOKEN_PREFIX = "plt_";

export function generateToken(): { token: string; tokenHash: string; prefix: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) };
}

/** Tokens are long random secrets, so a fast hash is enough (no dictionary to guess from). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function bearerFrom(headers: Headers): string | null {
  const value = headers.get("authorization");
  const match = value ? /^Bearer\s+(\S+)$/i.exec(value) : null;
  return match?.[1] ?? null;
}
