import { type Database, Prisma } from "@parley/db";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../auth/password";
import { bannedMessage } from "../auth/banned";
import { generateToken } from "../auth/tokens";
import { DomainError } from "../errors";
import { revokeAccountTokens } from "./account-links";
import { mailRegistrationAttempt, sendVerificationMail } from "./email-verification";

const publicUserSelect = { id: true, email: true, handle: true, displayName: true, role: true } as const;
export type AccountSummary = Prisma.UserGetPayload<{ select: typeof publicUserSelect }>;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** A handle from the display name (or email), made unique with a numeric suffix. */
async function uniqueHandle(tx: Prisma.TransactionClient, seed: string): Promise<string> {
  const base =
    seed
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 24) || "member";
  const taken = await tx.user.findMany({ where: { handle: { startsWith: base } }, select: { handle: true } });
  const used = new Set(taken.map((u) => u.handle));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

// Taken inside the transaction that creates an account, so two sign-ups on an empty
// instance cannot both become admin.
const FIRST_ACCOUNT_LOCK = 72707370;

async function createAccount(
  db: Database,
  data: { email: string; displayName: string; passwordHash: string | null; emailVerifiedAt?: Date },
  oauth?: { provider: string; providerAccountId: string },
  /** Runs in the creating transaction (e.g. to queue the verification mail). */
  afterCreate?: (tx: Prisma.TransactionClient, user: AccountSummary) => Promise<void>,
): Promise<AccountSummary> {
  try {
    return await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_ACCOUNT_LOCK})`;
      const isFirst = (await tx.user.count()) === 0;
      const user = await tx.user.create({
        data: {
          email: data.email,
          displayName: data.displayName,
          passwordHash: data.passwordHash,
          emailVerifiedAt: data.emailVerifiedAt ?? null,
          handle: await uniqueHandle(tx, data.displayName || data.email.split("@")[0] || ""),
          role: isFirst ? "admin" : "member",
          ...(oauth ? { oauthAccounts: { create: oauth } } : {}),
        },
        select: publicUserSelect,
      });
      await tx.auditLog.create({
        data: { actorId: user.id, action: "account.created", targetType: "user", targetId: user.id, after: { role: user.role } },
      });
      await afterCreate?.(tx, user);
      return user;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new DomainError("CONFLICT", "This email cannot be used to register. If it is yours, sign in instead.");
    }
    throw error;
  }
}

/**
 * Registers an account and mails its address a verification link. An address that already
 * has an account gets a "someone tried to register" mail instead, and the caller the very
 * same answer: registering never tells a stranger who is a member.
 */
export async function registerAccount(
  db: Database,
  input: { email: string; password: string; displayName: string },
  now = new Date(),
): Promise<{ status: "verification_sent"; email: string }> {
  const email = normalizeEmail(input.email);
  const localPart = email.split("@")[0] ?? "";
  if (localPart.length >= 4 && input.password.toLowerCase().includes(localPart)) {
    throw new DomainError("INVALID", "Password must not contain your email address");
  }
  // Hashed before the lookup, so both answers take the same time.
  const passwordHash = await hashPassword(input.password);
  try {
    await createAccount(db, { email, displayName: input.displayName.trim(), passwordHash }, undefined, (tx, user) =>
      sendVerificationMail(tx, user, email, now),
    );
  } catch (error) {
    if (!(error instanceof DomainError && error.code === "CONFLICT")) throw error;
    await mailRegistrationAttempt(db, email);
  }
  return { status: "verification_sent", email };
}

/** The same answer and about the same work for an unknown email and a wrong password. */
export async function authenticateWithPassword(
  db: Database,
  input: { email: string; password: string },
): Promise<AccountSummary | null> {
  const user = await db.user.findUnique({
    where: { email: normalizeEmail(input.email) },
    select: { ...publicUserSelect, passwordHash: true, status: true, statusReason: true },
  });
  if (!user?.passwordHash) {
    await burnPasswordCheck(input.password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) return null;
  // Told only to whoever knows the password, so it reveals nothing to a guesser.
  if (user.status === "banned") throw new DomainError("FORBIDDEN", bannedMessage(user.statusReason));
  // The member remembered the password: a reset link sent earlier is no longer needed.
  await revokeAccountTokens(db, user.id, "password_reset");
  const { passwordHash: _hash, status: _status, statusReason: _reason, ...account } = user;
  return account;
}

/** Signs in through an OAuth provider: the linked account, else one with the same email, else a new one. */
export async function upsertOAuthUser(
  db: Database,
  profile: { provider: string; providerAccountId: string; email: string; name: string | null },
): Promise<AccountSummary> {
  const linked = await db.oAuthAccount.findUnique({
    where: { provider_providerAccountId: { provider: profile.provider, providerAccountId: profile.providerAccountId } },
    select: { user: { select: publicUserSelect } },
  });
  if (linked) return linked.user;
  const email = normalizeEmail(profile.email);
  const existing = await db.user.findUnique({ where: { email }, select: publicUserSelect });
  if (existing) {
    // Only providers that verify emails are configured (GitHub returns verified primary emails).
    await db.oAuthAccount.create({
      data: { userId: existing.id, provider: profile.provider, providerAccountId: profile.providerAccountId },
    });
    return existing;
  }
  return createAccount(
    db,
    // The provider vouches for the address (only providers that verify addresses are configured).
    { email, displayName: profile.name?.trim() || email.split("@")[0] || "member", passwordHash: null, emailVerifiedAt: new Date() },
    { provider: profile.provider, providerAccountId: profile.providerAccountId },
  );
}

const SESSION_TOKEN_DAYS = 30;

/** A bearer token for a non-browser client, as returned by the sign-in procedure. */
export async function issueSessionToken(db: Database, userId: string, now = new Date()) {
  const { token, tokenHash, prefix } = generateToken();
  const expiresAt = new Date(now.getTime() + SESSION_TOKEN_DAYS * 86_400_000);
  await db.apiToken.create({
    data: { userId, name: "Sign-in token", kind: "session", tokenHash, prefix, scopes: ["read", "write"], expiresAt },
  });
  return { token, expiresAt };
}
