import { z } from "zod";

/**
 * Why the database could not serve a request, when the cause is the database's availability
 * rather than the request: "unreachable" (down, restarting, connection lost) or "saturated"
 * (no pooled connection free within the bound, the server's connection limit, a statement or
 * transaction past its time limit). Callers answer both with 503 + Retry-After and log them as
 * warnings, never as bugs. One classifier for every package (API, worker, event bus).
 */
export type Unavailability = "unreachable" | "saturated";

/** SQLSTATEs (PostgreSQL appendix A) that say the server, not the statement, is the problem. */
const SQLSTATES: Record<string, Unavailability> = {
  "08000": "unreachable", // connection_exception
  "08001": "unreachable", // sqlclient_unable_to_establish_sqlconnection
  "08003": "unreachable", // connection_does_not_exist
  "08004": "unreachable", // sqlserver_rejected_establishment_of_sqlconnection
  "08006": "unreachable", // connection_failure
  "57P01": "unreachable", // admin_shutdown (fast or immediate stop)
  "57P02": "unreachable", // crash_shutdown
  "57P03": "unreachable", // cannot_connect_now (starting up, recovering)
  "53300": "saturated", // too_many_connections
  "57014": "saturated", // query_canceled: statement_timeout (the server is too slow to answer)
};

/** Socket errors of the driver (node-postgres) while connecting or mid-query. */
const SOCKET_CODES: Record<string, Unavailability> = {
  ECONNREFUSED: "unreachable",
  ECONNRESET: "unreachable",
  EPIPE: "unreachable",
  ETIMEDOUT: "unreachable",
  EHOSTUNREACH: "unreachable",
  ENETUNREACH: "unreachable",
  EAI_AGAIN: "unreachable",
};

/**
 * Prisma's codes: P1001 can't reach, P1002 timed out reaching, P1017 server closed the
 * connection, P2024 pool timeout, P2028 transaction API error (could not start a transaction
 * within maxWait, or it ran past its timeout and was rolled back), P2037 too many connections.
 */
const PRISMA_CODES: Record<string, Unavailability> = {
  P1001: "unreachable",
  P1002: "unreachable",
  P1017: "unreachable",
  P2024: "saturated",
  P2028: "saturated",
  P2037: "saturated",
};

/** @prisma/adapter-pg's classification of driver errors (DriverAdapterError's cause.kind). */
const ADAPTER_KINDS: Record<string, Unavailability> = {
  DatabaseNotReachable: "unreachable",
  ConnectionClosed: "unreachable",
  SocketTimeout: "unreachable",
  TooManyConnections: "saturated",
};

/** node-postgres and pg-pool raise these as plain Errors, without a code. */
const MESSAGES: [RegExp, Unavailability][] = [
  [/^timeout exceeded when trying to connect$/, "saturated"], // pg-pool: no client free in time
  [/^Connection terminated due to connection timeout$/, "unreachable"],
  [/^Connection terminated unexpectedly$/, "unreachable"],
  [/^Connection terminated$/, "unreachable"],
  [/^Client has encountered a connection error and is not queryable$/, "unreachable"],
  [/^Client was closed and is not queryable$/, "unreachable"],
];

const errorShape = z.looseObject({
  code: z.unknown().optional(),
  message: z.unknown().optional(),
  cause: z.unknown().optional(),
  kind: z.unknown().optional(),
  originalCode: z.unknown().optional(),
  meta: z.looseObject({ driverAdapterError: z.unknown().optional() }).optional(),
});

function classifyOne(value: unknown): Unavailability | null {
  const parsed = errorShape.safeParse(value);
  if (!parsed.success) return null;
  const { code, message, kind, originalCode } = parsed.data;
  if (typeof code === "string") {
    const known = PRISMA_CODES[code] ?? SQLSTATES[code] ?? SOCKET_CODES[code];
    if (known) return known;
  }
  if (typeof originalCode === "string" && SQLSTATES[originalCode]) return SQLSTATES[originalCode];
  if (typeof kind === "string" && ADAPTER_KINDS[kind]) return ADAPTER_KINDS[kind];
  if (typeof message === "string") {
    for (const [pattern, verdict] of MESSAGES) if (pattern.test(message)) return verdict;
  }
  return null;
}

/**
 * Whether `error` (a Prisma error, a driver adapter error, a node-postgres error, or anything
 * wrapping one in `cause` or Prisma's `meta.driverAdapterError`) means the database is
 * unavailable, and how. Null for every other error, which stays a bug (500) or a domain error.
 */
export function databaseUnavailability(error: unknown): Unavailability | null {
  const queue: unknown[] = [error];
  const seen = new Set<unknown>();
  while (queue.length > 0 && seen.size < 16) {
    const current = queue.shift();
    if (current === null || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const verdict = classifyOne(current);
    if (verdict) return verdict;
    const parsed = errorShape.safeParse(current);
    if (parsed.success) queue.push(parsed.data.cause, parsed.data.meta?.driverAdapterError);
    if (current instanceof AggregateError) queue.push(...(current.errors as unknown[]));
  }
  return null;
}

/** Seconds a client should wait before retrying, by cause (sent as Retry-After). */
export const RETRY_AFTER_SECONDS: Record<Unavailability, number> = {
  // A full pool drains in about one request's time.
  saturated: 1,
  // A restart or failover takes seconds; retrying sooner only adds load.
  unreachable: 5,
};
