import { enqueueMail } from "@parley/agent/mail";
import { type Database, Prisma } from "@parley/db";
import { verifyPassword } from "../auth/password";
import { DomainError } from "../errors";
import {
  accountLink,
  consumeAccountToken,
  issueAccountToken,
  LINK_TTL_MS,
  LinkRefused,
} from "./account-links";
import { normalizeEmail } from "./accounts";

/** Mails a verification link for `email` (the account's address, or the one it asked to move to). */
export async function sendVerificationMail(
  tx: Prisma.TransactionClient,
  user: { id: string; displayName: string },
  email: string,
  now: Date,
  change = false,
): Promise<void> {
  const secret = await issueAccountToken(tx, {
    userId: user.id,
    purpose: "verify_email",
    email,
    now,
  });
  await enqueueMail(tx, {
    v: 1,
    to: email,
    name: user.displayName,
    content: {
      template: "verify_email",
      link: accountLink("/verify-email", { token: secret }),
      expiresInHours: LINK_TTL_MS.verify_email / 3_600_000,
      change,
    },
  });
}

/** Someone tried to register with an address that has an account: its owner is told, and
 * the caller gets the same answer as a fresh registration. */
export async function mailRegistrationAttempt(db: Database, email: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email },
      select: { displayName: true, status: true },
    });
    if (!user || user.status === "banned") return;
    await enqueueMail(tx, {
      v: 1,
      to: email,
      name: user.displayName,
      content: {
        template: "registration_attempt",
        signInLink: accountLink("/sign-in"),
        resetLink: accountLink("/forgot-password"),
      },
    });
  });
}

/** A new verification link for the signed-in account's address (the previous one stops working). */
export async function resendVerification(db: Database, userId: string, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { id: true, displayName: true, email: true, emailVerifiedAt: true },
    });
    if (user.emailVerifiedAt)
      throw new DomainError("CONFLICT", "Your address is already confirmed");
    await sendVerificationMail(tx, user, user.email, now);
  });
}

/**
 * Opens a verification link: the address is confirmed, or (for a change of address) becomes
 * the account's address now. A link for an address the account no longer has, or that
 * another account took meanwhile, is refused.
 */
export async function verifyEmail(
  db: Database,
  token: string,
  now: Date,
): Promise<{ email: string; changed: boolean }> {
  try {
    return await db.$transaction(async (tx) => {
      const link = await consumeAccountToken(tx, "verify_email", token, now);
      const user = await tx.user.findUniqueOrThrow({
        where: { id: link.userId },
        select: { email: true },
      });
      const changed = user.email !== link.email;
      await tx.user.update({
        where: { id: link.userId },
        data: { email: link.email, emailVerifiedAt: now },
      });
      if (changed) {
        await tx.auditLog.create({
          data: {
            actorId: link.userId,
            action: "account.emailChanged",
            targetType: "user",
            targetId: link.userId,
            before: { email: user.email },
            after: { email: link.email },
          },
        });
      }
      return { email: link.email, changed };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new LinkRefused("invalid");
    throw error;
  }
}

/**
 * Asks to move the account to another address: the new address gets a link, and the change
 * happens only when it is opened; the current address is told at once. An address that has
 * an account gets nothing and the answer is the same, so this does not reveal members either.
 */
export async function requestEmailChange(
  db: Database,
  userId: string,
  input: { newEmail: string; password: string },
  now: Date,
): Promise<void> {
  const newEmail = normalizeEmail(input.newEmail);
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, displayName: true, passwordHash: true },
  });
  // A stolen session alone cannot move the account away.
  if (user.passwordHash && !(await verifyPassword(user.passwordHash, input.password))) {
    throw new DomainError("UNAUTHENTICATED", "Wrong password");
  }
  if (newEmail === user.email) throw new DomainError("INVALID", "This is already your address");
  await db.$transaction(async (tx) => {
    const taken = await tx.user.findUnique({ where: { email: newEmail }, select: { id: true } });
    if (!taken) await sendVerificationMail(tx, user, newEmail, now, true);
    await enqueueMail(tx, {
      v: 1,
      to: user.email,
      name: user.displayName,
      content: {
        template: "email_change_requested",
        newAddress: newEmail,
        resetLink: accountLink("/forgot-password"),
      },
    });
  });
}
