import { createHash } from "node:crypto";
import { enqueueMail } from "@parley/agent/mail";
import { type Database } from "@parley/db";
import { hashPassword } from "../auth/password";
import { type Viewer } from "../auth/viewer";
import { DomainError, notFound } from "../errors";
import { type Bucket, reserve } from "../rate-limit/enforce";
import { type RateLimiter } from "../rate-limit/limiter";
import { effectiveLimits, readRateLimitOverrides } from "../rate-limit/settings";
import { accountLink, consumeAccountToken, issueAccountToken, LINK_TTL_MS } from "./account-links";
import { normalizeEmail } from "./accounts";

export interface ResetScope {
  db: Database;
  limiter: RateLimiter;
  nowMs: number;
  ip: string | null;
}

// Hashed so the rate-limit table does not list the addresses people typed.
const emailBucket = (email: string) =>
  `auth.passwordReset:email:${createHash("sha256").update(normalizeEmail(email)).digest("base64url")}`;

/**
 * "Forgot password": mails a reset link if the address has an account (not a banned one).
 * The answer is the same either way, and the limits count every request, per address and per
 * IP, so neither the answer nor a refusal tells whether the address is a member's.
 */
export async function requestPasswordReset(
  scope: ResetScope,
  input: { email: string },
): Promise<void> {
  const limits = effectiveLimits(await readRateLimitOverrides(scope.db), "auth.passwordReset");
  const buckets: Bucket[] = [{ base: emailBucket(input.email), rules: limits.email }];
  if (scope.ip) buckets.push({ base: `auth.passwordReset:ip:${scope.ip}`, rules: limits.ip });
  await reserve(scope.limiter, buckets, scope.nowMs);

  const email = normalizeEmail(input.email);
  await sendPasswordResetTo(scope.db, { email }, new Date(scope.nowMs));
}

/** Issues a link and queues its mail in one transaction; nothing for an unknown or banned address. */
export async function sendPasswordResetTo(
  db: Database,
  where: { email: string } | { id: string },
  now: Date,
  sentBy?: { adminId: string },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where,
      select: { id: true, email: true, displayName: true, status: true },
    });
    if (!user || user.status === "banned") return false;
    const secret = await issueAccountToken(tx, {
      userId: user.id,
      purpose: "password_reset",
      email: user.email,
      now,
    });
    await enqueueMail(tx, {
      v: 1,
      to: user.email,
      name: user.displayName,
      content: {
        template: "password_reset",
        link: accountLink("/reset-password", { token: secret }),
        expiresInMinutes: LINK_TTL_MS.password_reset / 60_000,
      },
    });
    if (sentBy)
      await tx.auditLog.create({
        data: {
          actorId: sentBy.adminId,
          action: "account.passwordResetSent",
          targetType: "user",
          targetId: user.id,
        },
      });
    return true;
  });
}

/**
 * Sets a new password from a reset link. The link is used up; the account's browser sessions
 * and sign-in tokens end; the address counts as verified (the link proved it). Returns the
 * account's personal API tokens, so the member can revoke any they no longer trust.
 */
export async function resetPassword(
  db: Database,
  input: { token: string; password: string },
  now: Date,
) {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const link = await consumeAccountToken(tx, "password_reset", input.token, now);
    const user = await tx.user.findUniqueOrThrow({
      where: { id: link.userId },
      select: { email: true, emailVerifiedAt: true },
    });
    await tx.user.update({
      where: { id: link.userId },
      data: {
        passwordHash,
        sessionsValidFrom: now,
        // Only when the link went to the address the account still has.
        ...(user.email === link.email && !user.emailVerifiedAt ? { emailVerifiedAt: now } : {}),
      },
    });
    await tx.apiToken.updateMany({
      where: { userId: link.userId, kind: "session", revokedAt: null },
      data: { revokedAt: now },
    });
    await tx.auditLog.create({
      data: {
        actorId: link.userId,
        action: "account.passwordReset",
        targetType: "user",
        targetId: link.userId,
      },
    });
    const tokens = await tx.apiToken.findMany({
      where: {
        userId: link.userId,
        kind: "personal",
        revokedAt: null,
        OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
      },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: {
        id: true,
        name: true,
        prefix: true,
        scopes: true,
        lastUsedAt: true,
        createdAt: true,
      },
    });
    return { email: user.email, tokens };
  });
}

/** An admin mails an account a reset link (from the users page), with an audit-log entry. */
export async function adminSendPasswordReset(
  db: Database,
  admin: Viewer,
  userId: string,
  now: Date,
): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { status: true } });
  if (!user) throw notFound("Account");
  if (user.status === "banned")
    throw new DomainError(
      "CONFLICT",
      "A banned account cannot reset its password; reinstate it first",
    );
  await sendPasswordResetTo(db, { id: userId }, now, { adminId: admin.id });
}
