import { type Database } from "@parley/db";
import { type UserRef, userRefSelect } from "../views/user";

export const USER_SEARCH_LIMIT = 8;

/**
 * Accounts whose handle or display name starts with `prefix` (case-insensitive), for @mention
 * autocompletion: handle matches first, then display-name matches, banned accounts left out.
 */
export async function searchUsers(db: Database, prefix: string): Promise<UserRef[]> {
  const term = prefix.trim().replace(/^@/, "");
  if (!term) return [];
  const byHandle = await db.user.findMany({
    where: { handle: { startsWith: term.toLowerCase() }, status: { not: "banned" } },
    select: userRefSelect,
    orderBy: { handle: "asc" },
    take: USER_SEARCH_LIMIT,
  });
  if (byHandle.length >= USER_SEARCH_LIMIT) return byHandle;
  const byName = await db.user.findMany({
    where: {
      displayName: { startsWith: term, mode: "insensitive" },
      status: { not: "banned" },
      id: { notIn: byHandle.map((user) => user.id) },
    },
    select: userRefSelect,
    orderBy: { displayName: "asc" },
    take: USER_SEARCH_LIMIT - byHandle.length,
  });
  return [...byHandle, ...byName];
}
