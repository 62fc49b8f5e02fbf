import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { serializeTransactions } from "./serial-transactions";

export type Database = PrismaClient;

/**
 * Connection pool and time limits: the one place they are chosen (docs/operations.md,
 * "Database pool and time limits"). Every bound is short enough that a request which cannot get
 * the database answers 503 with Retry-After within a few seconds (packages/api/src/errors.ts)
 * instead of queueing without end, and long enough that a healthy but busy server never trips it.
 */
export const DATABASE_LIMITS = {
  /**
   * Connections per process. A post holds one for its transaction only (no network or heavy CPU
   * inside), about 1–5 ms, so 10 serve hundreds of requests a second; web instances × 10 +
   * workers × (concurrency + 2) + LISTEN connections must stay under max_connections (200 on
   * the embedded server, 100 on a stock PostgreSQL).
   */
  max: 10,
  /** Waiting for a free pooled connection, or for a new one to open (pg-pool's connectionTimeoutMillis). */
  acquireTimeoutMs: 3_000,
  /** Waiting to start an interactive transaction (Prisma's maxWait; a connection is acquired first). */
  transactionMaxWaitMs: 3_000,
  /**
   * An interactive transaction's whole life; past it Prisma rolls it back (nothing half done).
   * Above search's own 10 s statement timeout, so that a too-broad search stays a 400.
   */
  transactionTimeoutMs: 15_000,
  /** Any one statement (server side). Search sets a shorter one for itself (services/search.ts). */
  statementTimeoutMs: 30_000,
  /**
   * A session idle inside an open transaction is ended: an abandoned transaction would hold
   * row locks and the xmin horizon, which holds back every live stream (docs/live-updates.md).
   */
  idleInTransactionTimeoutMs: 60_000,
  /** Idle pooled connections are closed after this, so a restarted server gets fresh ones. */
  idleTimeoutMs: 30_000,
} as const;

export type DatabaseLimits = { -readonly [K in keyof typeof DATABASE_LIMITS]: number };

/**
 * A Prisma client over node-postgres; engine-less (Prisma 7 query compiler). `options` may
 * override any of DATABASE_LIMITS (tests use a tiny pool; the worker sizes it to its concurrency).
 */
export function createDatabase(url: string, options: Partial<DatabaseLimits> = {}): Database {
  const limits = { ...DATABASE_LIMITS, ...options };
  const adapter = new PrismaPg({
    connectionString: url,
    max: limits.max,
    connectionTimeoutMillis: limits.acquireTimeoutMs,
    idleTimeoutMillis: limits.idleTimeoutMs,
    statement_timeout: limits.statementTimeoutMs,
    idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
    keepAlive: true,
  });
  return new PrismaClient({
    adapter: serializeTransactions(adapter),
    transactionOptions: {
      maxWait: limits.transactionMaxWaitMs,
      timeout: limits.transactionTimeoutMs,
    },
  });
}
