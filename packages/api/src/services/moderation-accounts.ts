import { type Database, type Prisma, type Role, type UserStatus } from "@parley/db";
import { type Viewer } from "../auth/viewer";
import { DomainError, forbidden, notFound } from "../errors";
import { cutPage, decodeOptionalKeyset, keysetWhere } from "../paging/keyset";
import { recordAudit } from "./moderation-audit";

type Tx = Prisma.TransactionClient;

export interface AccountDeps {
  db: Database;
  /** Milliseconds since the epoch (the request's clock). */
  now: () => number;
}

export const MAX_SUSPENSION_MS = 366 * 86_400_000;

const accountSelect = {
  id: true,
  email: true,
  handle: true,
  displayName: true,
  role: true,
  status: true,
  statusReason: true,
  suspendedUntil: true,
  createdAt: true,
} as const satisfies Prisma.UserSelect;
type AccountRow = Prisma.UserGetPayload<{ select: typeof accountSelect }>;

export interface ModeratedAccount {
  id: string;
  handle: string;
  displayName: string;
  /** Admins only; null for moderators. */
  email: string | null;
  role: Role;
  status: UserStatus;
  statusReason: string | null;
  suspendedUntil: string | null;
  createdAt: string;
}

/** A suspension whose end has passed no longer counts: the account is active again. */
export function effectiveStatus(
  account: { status: UserStatus; suspendedUntil: Date | null; statusReason: string | null },
  now: Date,
): { status: UserStatus; suspendedUntil: Date | null; statusReason: string | null } {
  if (account.status === "suspended" && account.suspendedUntil && account.suspendedUntil <= now) {
    return { status: "active", suspendedUntil: null, statusReason: null };
  }
  return account;
}

function toModeratedAccount(row: AccountRow, viewer: Viewer, now: Date): ModeratedAccount {
  const state = effectiveStatus(row, now);
  return {
    id: row.id,
    handle: row.handle,
    displayName: row.displayName,
    email: viewer.role === "admin" ? row.email : null,
    role: row.role,
    status: state.status,
    statusReason: state.statusReason,
    suspendedUntil: state.suspendedUntil?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** What the audit log keeps of an account before and after a change. */
const snapshot = (
  row: Pick<AccountRow, "role" | "status" | "statusReason" | "suspendedUntil">,
) => ({
  role: row.role,
  status: row.status,
  statusReason: row.statusReason,
  suspendedUntil: row.suspendedUntil?.toISOString() ?? null,
});

export async function listAccounts(
  { db, now }: AccountDeps,
  viewer: Viewer,
  input: {
    query?: string | undefined;
    role?: Role | undefined;
    status?: UserStatus | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ items: ModeratedAccount[]; nextCursor: string | null }> {
  const at = new Date(now());
  const query = input.query?.trim();
  // Status as the account lives it: an expired suspension is active.
  const byStatus: Record<UserStatus, Prisma.UserWhereInput> = {
    active: { OR: [{ status: "active" }, { status: "suspended", suspendedUntil: { lte: at } }] },
    suspended: {
      status: "suspended",
      OR: [{ suspendedUntil: null }, { suspendedUntil: { gt: at } }],
    },
    banned: { status: "banned" },
  };
  const where: Prisma.UserWhereInput = {
    AND: [
      input.role ? { role: input.role } : {},
      input.status ? byStatus[input.status] : {},
      query
        ? {
            OR: [
              { handle: { contains: query, mode: "insensitive" } },
              { displayName: { contains: query, mode: "insensitive" } },
              // Only admins see emails, so only they may search by them.
              ...(viewer.role === "admin"
                ? [{ email: { contains: query, mode: "insensitive" as const } }]
                : []),
            ],
          }
        : {},
      keysetWhere("createdAt", decodeOptionalKeyset(input.cursor), "desc"),
    ],
  };
  const rows = await db.user.findMany({
    where,
    select: accountSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
  });
  const { page, nextCursor } = cutPage(rows, input.limit, (row) => ({
    at: row.createdAt,
    id: row.id,
  }));
  return { items: page.map((row) => toModeratedAccount(row, viewer, at)), nextCursor };
}

// Taken by every role and status change: two admins demoting or banning each other one after
// the other cannot leave the site without an admin who can act.
const ADMIN_SET_LOCK = 72707371;

async function assertAnotherAdmin(tx: Tx, exceptId: string, at: Date): Promise<void> {
  const others = await tx.user.count({
    where: {
      role: "admin",
      id: { not: exceptId },
      OR: [{ status: "active" }, { status: "suspended", suspendedUntil: { lte: at } }],
    },
  });
  if (others === 0)
    throw new DomainError(
      "CONFLICT",
      "This is the last admin who can act; make someone else admin first",
    );
}

/** The target row, locked for the rest of the transaction, if the viewer may act on it. */
async function lockTarget(tx: Tx, viewer: Viewer, userId: string): Promise<AccountRow> {
  await tx.$executeRaw`SELECT 1 FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
  const target = await tx.user.findUnique({ where: { id: userId }, select: accountSelect });
  if (!target) throw notFound("Account");
  if (target.id === viewer.id)
    throw forbidden("You cannot suspend, ban or reinstate your own account");
  if (viewer.role !== "admin" && target.role !== "member") {
    throw forbidden("Moderators can act on members only; ask an admin");
  }
  return target;
}

async function changeStatus(
  { db, now }: AccountDeps,
  viewer: Viewer,
  userId: string,
  action: string,
  decide: (target: AccountRow, at: Date) => Prisma.UserUpdateInput,
  alsoInTx?: (tx: Tx, target: AccountRow, at: Date) => Promise<Prisma.InputJsonObject>,
): Promise<ModeratedAccount> {
  const at = new Date(now());
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_SET_LOCK})`;
    const target = await lockTarget(tx, viewer, userId);
    const data = decide(target, at);
    if (target.role === "admin" && data.status !== "active")
      await assertAnotherAdmin(tx, target.id, at);
    const row = await tx.user.update({ where: { id: userId }, data, select: accountSelect });
    const extra = alsoInTx ? await alsoInTx(tx, target, at) : {};
    await recordAudit(tx, {
      actorId: viewer.id,
      action,
      targetType: "user",
      targetId: userId,
      before: snapshot(target),
      after: { ...snapshot(row), ...extra },
    });
    return toModeratedAccount(row, viewer, at);
  });
}

export function suspendAccount(
  deps: AccountDeps,
  viewer: Viewer,
  input: { userId: string; until: Date; reason: string },
): Promise<ModeratedAccount> {
  const at = deps.now();
  if (input.until.getTime() <= at)
    throw new DomainError("INVALID", "A suspension must end in the future");
  if (input.until.getTime() > at + MAX_SUSPENSION_MS) {
    throw new DomainError(
      "INVALID",
      "A suspension lasts at most one year; ban the account instead",
    );
  }
  return changeStatus(deps, viewer, input.userId, "account.suspended", (target) => {
    if (target.status === "banned")
      throw new DomainError("CONFLICT", "This account is banned; reinstate it first");
    return { status: "suspended", suspendedUntil: input.until, statusReason: input.reason };
  });
}

/** Bans the account and revokes every token it holds: nothing it signed in with keeps working. */
export function banAccount(
  deps: AccountDeps,
  viewer: Viewer,
  input: { userId: string; reason: string },
): Promise<ModeratedAccount> {
  return changeStatus(
    deps,
    viewer,
    input.userId,
    "account.banned",
    () => ({ status: "banned", suspendedUntil: null, statusReason: input.reason }),
    async (tx, target, at) => {
      const { count } = await tx.apiToken.updateMany({
        where: { userId: target.id, revokedAt: null },
        data: { revokedAt: at },
      });
      return { revokedTokens: count };
    },
  );
}

export function reinstateAccount(
  deps: AccountDeps,
  viewer: Viewer,
  input: { userId: string },
): Promise<ModeratedAccount> {
  return changeStatus(deps, viewer, input.userId, "account.reinstated", (target, at) => {
    if (effectiveStatus(target, at).status === "active")
      throw new DomainError("CONFLICT", "This account is neither suspended nor banned");
    return { status: "active", suspendedUntil: null, statusReason: null };
  });
}

/** Admins only (checked by the procedure); the last admin who is not banned keeps the role. */
export async function setAccountRole(
  { db, now }: AccountDeps,
  viewer: Viewer,
  input: { userId: string; role: Role },
): Promise<ModeratedAccount> {
  const at = new Date(now());
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_SET_LOCK})`;
    const target = await tx.user.findUnique({ where: { id: input.userId }, select: accountSelect });
    if (!target) throw notFound("Account");
    if (target.role === input.role) return toModeratedAccount(target, viewer, at);
    if (target.role === "admin") {
      await assertAnotherAdmin(tx, target.id, at);
    }
    const row = await tx.user.update({
      where: { id: target.id },
      data: { role: input.role },
      select: accountSelect,
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "account.roleChanged",
      targetType: "user",
      targetId: target.id,
      before: snapshot(target),
      after: snapshot(row),
    });
    return toModeratedAccount(row, viewer, at);
  });
}
