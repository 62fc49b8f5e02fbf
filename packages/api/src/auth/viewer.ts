import { type Database, type Role, type UserStatus } from "@parley/db";
import { hashToken } from "./tokens";

/** `admin`: the account's moderator and admin rights; sessions and sign-in tokens always carry it. */
export type Scope = "read" | "write" | "admin";

/** The account behind a request, re-read from the database every time (a ban or role change
 * applies at once, whatever the session or token says). */
export interface Viewer {
  id: string;
  email: string;
  handle: string;
  displayName: string;
  role: Role;
  status: UserStatus;
  suspendedUntil: Date | null;
  /** Why the account is suspended (shown to it). */
  statusReason: string | null;
  createdAt: Date;
  /** Null until the address is confirmed by a mailed link (what it may do then: policies/unverified.ts). */
  emailVerifiedAt: Date | null;
  scopes: readonly Scope[];
  via: "session" | "token";
  /** The API token behind the request (null for a browser session). */
  tokenId: string | null;
}

const viewerSelect = {
  id: true,
  email: true,
  handle: true,
  displayName: true,
  role: true,
  status: true,
  suspendedUntil: true,
  statusReason: true,
  createdAt: true,
  emailVerifiedAt: true,
} as const;

const ALL_SCOPES: readonly Scope[] = ["read", "write", "admin"];
const isScope = (s: string): s is Scope => s === "read" || s === "write" || s === "admin";
const LAST_USED_GRANULARITY_MS = 60_000;

export async function resolveViewer(
  db: Database,
  credentials: { bearerToken: string | null; sessionUserId: string | null },
  now = new Date(),
): Promise<Viewer | null> {
  if (credentials.bearerToken) {
    const token = await db.apiToken.findUnique({
      where: { tokenHash: hashToken(credentials.bearerToken) },
      select: { id: true, kind: true, scopes: true, revokedAt: true, expiresAt: true, lastUsedAt: true, user: { select: viewerSelect } },
    });
    if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) return null;
    if (token.user.status === "banned") return null;
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
      await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
    }
    // A sign-in token stands for the account itself; a personal token only for what it was granted.
    const scopes = token.kind === "session" ? ALL_SCOPES : token.scopes.filter(isScope);
    return { ...token.user, scopes, via: "token", tokenId: token.id };
  }
  if (credentials.sessionUserId) {
    const user = await db.user.findUnique({ where: { id: credentials.sessionUserId }, select: viewerSelect });
    if (!user || user.status === "banned") return null;
    return { ...user, scopes: ALL_SCOPES, via: "session", tokenId: null };
  }
  return null;
}
