import { type Database } from "@parley/db";
import { generateToken } from "../auth/tokens";
import { notFound } from "../errors";

const tokenSelect = {
  id: true,
  name: true,
  kind: true,
  prefix: true,
  scopes: true,
  lastUsedAt: true,
  expiresAt: true,
  createdAt: true,
} as const;

export function listTokens(db: Database, userId: string) {
  return db.apiToken.findMany({
    where: { userId, revokedAt: null },
    select: tokenSelect,
    orderBy: { createdAt: "desc" },
    take: 100,
  });
}

export async function createPersonalToken(
  db: Database,
  userId: string,
  input: { name: string; scopes: string[]; expiresAt: Date | null },
) {
  const { token, tokenHash, prefix } = generateToken();
  const row = await db.apiToken.create({
    data: { userId, name: input.name, kind: "personal", tokenHash, prefix, scopes: input.scopes, expiresAt: input.expiresAt },
    select: tokenSelect,
  });
  return { ...row, token };
}

/** Revokes one of the caller's own tokens; someone else's looks the same as a missing one. */
export async function revokeToken(db: Database, userId: string, tokenId: string): Promise<void> {
  const { count } = await db.apiToken.updateMany({
    where: { id: tokenId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw notFound("Token");
}
