import { type Database } from "@parley/db";

/**
 * The account of a browser session (a next-auth JWT), or null when the session began before
 * the account ended its sessions (a password reset sets `sessions_valid_from`). A JWT cannot
 * be revoked, so each request checks when it was signed in; sessions without that time (made
 * before this check existed) count as signed in at 0.
 */
export async function validSessionUserId(
  db: Database,
  session: { userId: string; signedInAtMs: number | null },
): Promise<string | null> {
  const user = await db.user.findUnique({
    where: { id: session.userId },
    select: { sessionsValidFrom: true },
  });
  if (!user) return null;
  if (user.sessionsValidFrom && (session.signedInAtMs ?? 0) < user.sessionsValidFrom.getTime())
    return null;
  return session.userId;
}
