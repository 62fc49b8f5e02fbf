import { type Database, Prisma } from "@parley/db";
import { DomainError } from "../errors";
import { userRefSelect, type UserRef } from "../views/user";

type Tx = Prisma.TransactionClient;
type Snapshot = Prisma.InputJsonObject;

export interface AuditEntry {
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  before?: Snapshot | null;
  after?: Snapshot | null;
}

/** One audit row, written with the caller's transaction so it exists exactly when the change does. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      before: entry.before ?? Prisma.DbNull,
      after: entry.after ?? Prisma.DbNull,
    },
  });
}

export interface AuditLogView {
  id: string;
  action: string;
  targetType: string;
  targetId: string;
  actor: UserRef | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  createdAt: string;
}

// Every writer stores objects; anything else (hand-written rows) is shown wrapped, not dropped.
const asObject = (value: Prisma.JsonValue | null): Record<string, unknown> | null => {
  if (value === null) return null;
  return typeof value === "object" && !Array.isArray(value) ? value : { value };
};

const decodeCursor = (cursor: string): bigint => {
  if (!/^\d{1,19}$/.test(cursor)) throw new DomainError("INVALID", "Invalid cursor");
  return BigInt(cursor);
};

/** Newest first, by id (rows are only ever appended, so ids follow time). */
export async function listAuditLog(
  db: Database,
  input: {
    actorId?: string | undefined;
    action?: string | undefined;
    targetType?: string | undefined;
    targetId?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ items: AuditLogView[]; nextCursor: string | null }> {
  const rows = await db.auditLog.findMany({
    where: {
      ...(input.actorId ? { actorId: input.actorId } : {}),
      ...(input.action ? { action: input.action } : {}),
      ...(input.targetType ? { targetType: input.targetType } : {}),
      ...(input.targetId ? { targetId: input.targetId } : {}),
      ...(input.cursor ? { id: { lt: decodeCursor(input.cursor) } } : {}),
    },
    select: {
      id: true,
      action: true,
      targetType: true,
      targetId: true,
      before: true,
      after: true,
      createdAt: true,
      actor: { select: userRefSelect },
    },
    orderBy: { id: "desc" },
    take: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id.toString(),
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      actor: row.actor,
      before: asObject(row.before),
      after: asObject(row.after),
      createdAt: row.createdAt.toISOString(),
    })),
    nextCursor: rows.length > input.limit && last ? last.id.toString() : null,
  };
}
