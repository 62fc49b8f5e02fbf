import { type Database, Role, UserStatus } from "@parley/db";
import { z } from "zod";
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

const tokenRowSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    scopes: z.array(z.string()),
    revoked_at: z.date().nullable(),
    expires_at: z.date().nullable(),
    last_used_at: z.date().nullable(),
    user: z.object({
      id: z.string(),
      email: z.string(),
      handle: z.string(),
      displayName: z.string(),
      role: z.enum(Role),
      status: z.enum(UserStatus),
      suspendedUntil: z.coerce.date().nullable(),
      statusReason: z.string().nullable(),
      createdAt: z.coerce.date(),
      emailVerifiedAt: z.coerce.date().nullable(),
    }),
  })
  .transform(({ revoked_at, expires_at, last_used_at, ...rest }) => ({
    ...rest,
    revokedAt: revoked_at,
    expiresAt: expires_at,
    lastUsedAt: last_used_at,
  }));

const ALL_SCOPES: readonly Scope[] = ["read", "write", "admin"];
const isScope = (s: string): s is Scope => s === "read" || s === "write" || s === "admin";
const LAST_USED_GRANULARITY_MS = 60_000;

export async function resolveViewer(
  db: Database,
  credentials: { bearerToken: string | null; sessionUserId: string | null },
  now = new Date(),
): Promise<Viewer | null> {
  if (credentials.bearerToken) {
    // One statement (Prisma would read the token and its account in two).
    const [row] = await db.$queryRaw<unknown[]>`
      SELECT t.id, t.kind, t.scopes, t.revoked_at, t.expires_at, t.last_used_at,
             json_build_object('id', u.id, 'email', u.email, 'handle', u.handle, 'displayName', u.display_name,
               'role', u.role, 'status', u.status, 'suspendedUntil', u.suspended_until,
               'statusReason', u.status_reason, 'createdAt', u.created_at,
               'emailVerifiedAt', u.email_verified_at) AS user
      FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = ${hashToken(credentials.bearerToken)}`;
    const token = row === undefined ? null : tokenRowSchema.parse(row);
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
