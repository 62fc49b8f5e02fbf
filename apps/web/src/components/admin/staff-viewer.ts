import { cache } from "react";
import { serverApi } from "~/trpc/server";

/**
 * The signed-in account as the database has it now, once per request. Next renders the admin
 * layout and its page at the same time, so each page asks too and reads nothing for non-staff
 * (the layout shows the 403 page or sends them to sign in).
 */
export const currentAccount = cache(async () => (await (await serverApi()).auth.me()).user);

type Account = NonNullable<Awaited<ReturnType<typeof currentAccount>>>;

/** Suspended staff keep their role but may not act (every moderator procedure refuses them). */
export function isSuspended(account: Account, nowMs = Date.now()): boolean {
  return account.status === "suspended" && (!account.suspendedUntil || new Date(account.suspendedUntil).getTime() > nowMs);
}

/** The account when it may use the admin pages: a moderator or admin, not suspended. */
export async function staffAccount(): Promise<Account | null> {
  const account = await currentAccount();
  return account && account.role !== "member" && !isSuspended(account) ? account : null;
}
