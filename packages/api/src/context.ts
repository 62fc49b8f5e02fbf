import { randomUUID } from "node:crypto";
import { type Database } from "@parley/db";
import { TRPCError } from "@trpc/server";
import { bannedTokenMessage } from "./auth/banned";
import { bearerFrom } from "./auth/tokens";
import { resolveViewer, type Viewer } from "./auth/viewer";
import { type EventBus } from "./events/bus";
import { logger, type Logger } from "./logger";
import { type RateLimiter } from "./rate-limit/limiter";
import { PostgresRateLimiter } from "./rate-limit/postgres-limiter";
import { type Runtime } from "./runtime";

/** Everything a procedure may use. Tests build it directly with a real database. */
export interface Context {
  db: Database;
  events: EventBus;
  viewer: Viewer | null;
  requestId: string;
  log: Logger;
  /** The client's address as the caller determined it (e.g. the first X-Forwarded-For hop behind our proxy). */
  ip: string | null;
  limiter: RateLimiter;
  /** Milliseconds since the epoch; tests inject a clock to move time without sleeping. */
  now: () => number;
}

export function createInnerContext(opts: {
  db: Database;
  events: EventBus;
  viewer: Viewer | null;
  requestId?: string;
  ip?: string | null;
  limiter?: RateLimiter;
  now?: () => number;
}): Context {
  const requestId = opts.requestId ?? randomUUID();
  const log = logger.child({ requestId, ...(opts.viewer ? { accountId: opts.viewer.id } : {}) });
  return {
    db: opts.db,
    events: opts.events,
    viewer: opts.viewer,
    requestId,
    log,
    ip: opts.ip ?? null,
    limiter: opts.limiter ?? new PostgresRateLimiter(opts.db),
    now: opts.now ?? Date.now,
  };
}

/**
 * Per HTTP request: a bearer token from the headers, or from the subscription's connection
 * params (an EventSource cannot set headers), else the next-auth session's user id.
 */
export async function createTRPCContext(opts: {
  runtime: Pick<Runtime, "db" | "events">;
  headers: Headers;
  sessionUserId: string | null;
  connectionParams?: Record<string, string | undefined> | null;
  /** The client's IP, decided by the caller from what its proxy guarantees; null if unknown. */
  ip?: string | null;
}): Promise<Context> {
  const paramsToken = opts.connectionParams?.token;
  const bearerToken = bearerFrom(opts.headers) ?? (typeof paramsToken === "string" ? paramsToken : null);
  const viewer = await resolveViewer(opts.runtime.db, { bearerToken, sessionUserId: opts.sessionUserId });
  if (bearerToken && !viewer) {
    // A banned account's token is refused with the reason, not treated as anonymous.
    const banned = await bannedTokenMessage(opts.runtime.db, bearerToken);
    if (banned) throw new TRPCError({ code: "UNAUTHORIZED", message: banned });
  }
  const requestId = opts.headers.get("x-request-id") ?? undefined;
  return createInnerContext({
    db: opts.runtime.db,
    events: opts.runtime.events,
    viewer,
    ip: opts.ip ?? null,
    ...(requestId ? { requestId } : {}),
  });
}
