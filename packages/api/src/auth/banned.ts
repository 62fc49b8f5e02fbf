import { type Database } from "@parley/db";
import { hashToken } from "./tokens";

export const bannedMessage = (reason: string | null) =>
  `This account is banned${reason ? `: ${reason}` : ""}`;

/**
 * Why a bearer token that resolved to no viewer was refused, when the reason is a ban: its
 * holder is told so rather than that the token is unknown. Called only on refusals.
 */
export async function bannedTokenMessage(db: Database, bearerToken: string): Promise<string | null> {
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(bearerToken) },
    select: { user: { select: { status: true, statusReason: true } } },
  });
  return token?.user.status === "banned" ? bannedMessage(token.user.statusReason) : null;
}
