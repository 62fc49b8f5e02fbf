import { createHash, randomBytes } from "node:crypto";
import { type AccountTokenPurpose, type Prisma } from "@parley/db";
import { DomainError } from "../errors";
import { readServerEnv } from "../env";

/**
 * Single-use links sent by mail. The secret is 256 random bits (unguessable, so nothing to
 * sign); only its SHA-256 is stored, so the table cannot be replayed from a backup. A link is
 * used up atomically, so two clicks cannot both succeed.
 */
export const LINK_TTL_MS: Record<AccountTokenPurpose, number> = {
  password_reset: 3_600_000,
  verify_email: 48 * 3_600_000,
};

const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** Where links in mails point: PUBLIC_URL plus a path and the secret. */
export function accountLink(path: string, params: Record<string, string> = {}): string {
  const url = new URL(path, readServerEnv().PUBLIC_URL);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

/** A new link for this purpose; the account's earlier unused ones stop working. */
export async function issueAccountToken(
  tx: Prisma.TransactionClient,
  input: { userId: string; purpose: AccountTokenPurpose; email: string; now: Date },
): Promise<string> {
  await tx.accountToken.deleteMany({
    where: { userId: input.userId, purpose: input.purpose, usedAt: null },
  });
  const secret = randomBytes(32).toString("base64url");
  await tx.accountToken.create({
    data: {
      userId: input.userId,
      purpose: input.purpose,
      email: input.email,
      tokenHash: hashSecret(secret),
      expiresAt: new Date(input.now.getTime() + LINK_TTL_MS[input.purpose]),
    },
  });
  return secret;
}

/** Unused links of this purpose stop working (a newer one was sent, or the member signed in). */
export async function revokeAccountTokens(
  db: Prisma.TransactionClient,
  userId: string,
  purpose: AccountTokenPurpose,
): Promise<void> {
  await db.accountToken.deleteMany({ where: { userId, purpose, usedAt: null } });
}

export type LinkProblem = "invalid" | "used" | "expired";

/** Why a link is refused, for the page that tells the member what to do next. */
export class LinkRefused extends DomainError {
  constructor(readonly problem: LinkProblem) {
    super(
      "INVALID",
      problem === "expired"
        ? "This link has expired. Ask for a new one."
        : problem === "used"
          ? "This link was already used. Ask for a new one if you still need it."
          : "This link is not valid (a newer one may have been sent). Ask for a new one.",
    );
  }
}

/**
 * Uses a link up: one UPDATE that succeeds only while it is unused and unexpired (so of two
 * concurrent clicks exactly one wins), then, on a refusal, says why.
 */
export async function consumeAccountToken(
  tx: Prisma.TransactionClient,
  purpose: AccountTokenPurpose,
  secret: string,
  now: Date,
): Promise<{ userId: string; email: string }> {
  const tokenHash = hashSecret(secret);
  const used = await tx.accountToken.updateManyAndReturn({
    where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
    select: { userId: true, email: true },
  });
  const row = used[0];
  if (row) return row;
  const found = await tx.accountToken.findUnique({
    where: { tokenHash },
    select: { purpose: true, usedAt: true },
  });
  if (!found || found.purpose !== purpose) throw new LinkRefused("invalid");
  throw new LinkRefused(found.usedAt ? "used" : "expired");
}

/** What is wrong with a link, without using it up (for the page a link opens); null: usable. */
export async function accountLinkProblem(
  db: Prisma.TransactionClient,
  purpose: AccountTokenPurpose,
  secret: string,
  now: Date,
): Promise<LinkProblem | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(secret)) return "invalid";
  const row = await db.accountToken.findUnique({
    where: { tokenHash: hashSecret(secret) },
    select: { purpose: true, usedAt: true, expiresAt: true },
  });
  if (!row || row.purpose !== purpose) return "invalid";
  if (row.usedAt) return "used";
  return row.expiresAt <= now ? "expired" : null;
}
