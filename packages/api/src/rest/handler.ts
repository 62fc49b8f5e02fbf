import { randomUUID } from "node:crypto";
import { callTRPCProcedure, getTRPCErrorFromUnknown, TRPCError } from "@trpc/server";
import { type Database } from "@parley/db";
import { bannedTokenMessage } from "../auth/banned";
import { bearerFrom } from "../auth/tokens";
import { resolveViewer, type Viewer } from "../auth/viewer";
import { createInnerContext, type Context } from "../context";
import { type EventBus } from "../events/bus";
import { logger } from "../logger";
import { appRouter } from "../root";
import { openApiDocument, REST_BASE } from "./document";
import { DEFAULT_SSE_OPTIONS, liveEventStream, matchEventStream, type SseOptions } from "./events";
import { DEFAULT_MAX_LIVE_CONNECTIONS } from "./live-connections";
import {
  fingerprintOf,
  IDEMPOTENCY_KEY_PATTERN,
  IdempotencyStore,
  type StoredResponse,
} from "./idempotency";
import { DEFAULT_MAX_BODY_BYTES, readInput } from "./input";
import {
  problem,
  problemFromTRPCError,
  problemFromUnknown,
  problemResponse,
  retryHeaders,
  type Problem,
} from "./problem";
import { matchRoute, type RestRouteEntry } from "./routes";

/** What the REST handler needs from the process: the database, the event bus, the secret. */
export interface RestRuntime {
  db: Database;
  events: EventBus;
  env: { APP_SECRET_KEY: string; PARLEY_LIVE_MAX_CONNECTIONS?: number };
}

export interface RestHandlerOptions {
  runtime: () => Promise<RestRuntime>;
  /** The client's IP, as the deployment's proxy reports it (e.g. X-Forwarded-For's first hop). */
  clientIp?: (req: Request) => string | null;
  /** The signed-in account of the web session (cookie), if any. */
  sessionUserId?: (req: Request) => Promise<string | null>;
  basePath?: string;
  maxBodyBytes?: number;
  sse?: Partial<SseOptions>;
}

const stores = new WeakMap<Database, IdempotencyStore>();
function idempotencyStore(runtime: RestRuntime): IdempotencyStore {
  let store = stores.get(runtime.db);
  if (!store)
    stores.set(runtime.db, (store = new IdempotencyStore(runtime.db, runtime.env.APP_SECRET_KEY)));
  return store;
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });
}

/** RFC 8288 next link, relative to the request: the same query with the new cursor. */
function nextLink(url: URL, data: unknown): string | null {
  if (
    typeof data !== "object" ||
    data === null ||
    !("nextCursor" in data) ||
    typeof data.nextCursor !== "string"
  )
    return null;
  const next = new URL(url);
  next.searchParams.set("cursor", data.nextCursor);
  return `<${next.pathname}${next.search}>; rel="next"`;
}

/**
 * The /api/v1 REST surface as a fetch handler: every procedure with OpenAPI meta, called
 * through tRPC (same middleware, validation and errors as /api/trpc), plus the OpenAPI
 * document and the discussion event stream.
 */
export function createRestHandler(
  options: RestHandlerOptions,
): (req: Request) => Promise<Response> {
  const basePath = options.basePath ?? REST_BASE;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const sse: SseOptions = { ...DEFAULT_SSE_OPTIONS, ...options.sse };

  return async function handleRest(req: Request): Promise<Response> {
    const requestId = req.headers.get("x-request-id") ?? randomUUID();
    const url = new URL(req.url);
    const path = url.pathname.startsWith(basePath)
      ? url.pathname.slice(basePath.length) || "/"
      : null;
    const fail = (p: Problem, headers: Record<string, string> = {}) =>
      problemResponse(p, {
        requestId,
        instance: url.pathname,
        headers: {
          "x-request-id": requestId,
          ...(p.status === 401 ? { "www-authenticate": "Bearer" } : {}),
          ...headers,
        },
      });

    try {
      if (path === "/openapi.json") {
        if (req.method !== "GET")
          return fail(problem(405, "METHOD_NOT_SUPPORTED", "Use GET"), { allow: "GET" });
        return jsonResponse(200, openApiDocument(), { "cache-control": "public, max-age=300" });
      }

      const eventsMatch = path ? matchEventStream(path) : null;
      const match = path && !eventsMatch ? matchRoute(req.method, path) : null;
      if (!eventsMatch && (!match || match.kind === "none")) {
        return fail(
          problem(
            404,
            "NOT_FOUND",
            `No route ${req.method} ${url.pathname}; see ${basePath}/openapi.json`,
          ),
        );
      }
      if (eventsMatch && req.method !== "GET")
        return fail(problem(405, "METHOD_NOT_SUPPORTED", "Use GET"), { allow: "GET" });
      if (match?.kind === "method-not-allowed") {
        return fail(
          problem(405, "METHOD_NOT_SUPPORTED", `Use ${match.allow.join(" or ")} on this path`),
          { allow: match.allow.join(", ") },
        );
      }

      const runtime = await options.runtime();
      const bearer = bearerFrom(req.headers);
      const hasAuthorization = req.headers.has("authorization");
      if (hasAuthorization && !bearer)
        return fail(
          problem(401, "UNAUTHORIZED", "The Authorization header must be `Bearer <token>`"),
        );
      const viewer = await resolveViewer(runtime.db, {
        bearerToken: bearer,
        sessionUserId: bearer ? null : ((await options.sessionUserId?.(req)) ?? null),
      });
      if (bearer && !viewer) {
        const banned = await bannedTokenMessage(runtime.db, bearer);
        return fail(
          problem(401, "UNAUTHORIZED", banned ?? "This bearer token is unknown, expired or revoked"),
          {
            "www-authenticate": 'Bearer error="invalid_token"',
          },
        );
      }
      const ctx = createInnerContext({
        db: runtime.db,
        events: runtime.events,
        viewer,
        requestId,
        ip: options.clientIp?.(req) ?? null,
      });

      if (eventsMatch) {
        const result = await liveEventStream(ctx, eventsMatch, req, url, {
          ...sse,
          maxStreamsPerViewer:
            sse.maxStreamsPerViewer ??
            runtime.env.PARLEY_LIVE_MAX_CONNECTIONS ??
            DEFAULT_MAX_LIVE_CONNECTIONS,
        });
        return result.ok ? result.response : fail(result.problem, result.headers);
      }
      if (match?.kind !== "route") throw new Error("unreachable");
      return await handleProcedure({
        req,
        url,
        route: match.route,
        params: match.params,
        ctx,
        viewer,
        runtime,
        maxBodyBytes,
        fail,
      });
    } catch (error) {
      const { problem: p, bug } = problemFromUnknown(error);
      if (bug) logger.error({ err: error, requestId, path: url.pathname }, "REST request failed");
      else logger.warn({ err: error, requestId, path: url.pathname }, "REST request refused: a dependency is unavailable");
      return fail(p, retryHeaders(p));
    }
  };
}

async function handleProcedure(opts: {
  req: Request;
  url: URL;
  route: RestRouteEntry;
  params: Record<string, string>;
  ctx: Context;
  viewer: Viewer | null;
  runtime: RestRuntime;
  maxBodyBytes: number;
  fail: (p: Problem, headers?: Record<string, string>) => Response;
}): Promise<Response> {
  const { req, url, route, ctx, fail } = opts;
  const read = await readInput(req, url, route, opts.params, opts.maxBodyBytes);
  if (!read.ok) return fail(read.problem);

  const key = req.method === "POST" ? req.headers.get("idempotency-key") : null;
  let claim: Awaited<ReturnType<IdempotencyStore["claim"]>> | null = null;
  if (key !== null) {
    if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
      return fail(
        problem(400, "BAD_REQUEST", "Idempotency-Key must be 1 to 255 visible ASCII characters"),
      );
    }
    const store = idempotencyStore(opts.runtime);
    claim = await store.claim(
      opts.viewer?.id ?? "anonymous",
      key,
      fingerprintOf(req.method, url.pathname + url.search, read.rawBody),
    );
    if (claim.kind === "replay") {
      return new Response(claim.response.body, {
        status: claim.response.status,
        headers: {
          ...claim.response.headers,
          "idempotent-replayed": "true",
          "x-request-id": ctx.requestId,
        },
      });
    }
    if (claim.kind === "in-progress") {
      return fail(
        problem(
          409,
          "CONFLICT",
          "A request with this Idempotency-Key is still being processed; retry shortly",
        ),
        { "retry-after": "1" },
      );
    }
    if (claim.kind === "mismatch") {
      return fail(
        problem(
          422,
          "UNPROCESSABLE_CONTENT",
          "This Idempotency-Key was already used for a different request",
        ),
      );
    }
  }

  let stored: StoredResponse;
  try {
    const data: unknown = await callTRPCProcedure({
      router: appRouter,
      path: route.procedurePath,
      type: route.type,
      ctx,
      getRawInput: () => Promise.resolve(read.input),
      signal: req.signal,
      batchIndex: 0,
    });
    const link = route.paginated ? nextLink(url, data) : null;
    stored = {
      status: 200,
      headers: {
        "content-type": "application/json",
        "cache-control": "no-store",
        ...(link ? { link } : {}),
      },
      body: JSON.stringify(data),
    };
  } catch (cause) {
    const error = cause instanceof TRPCError ? cause : getTRPCErrorFromUnknown(cause);
    const p = { ...problemFromTRPCError(error), instance: url.pathname, requestId: ctx.requestId };
    stored = {
      status: p.status,
      headers: {
        "content-type": "application/problem+json",
        ...(p.status === 401 ? { "www-authenticate": "Bearer" } : {}),
        ...retryHeaders(p),
      },
      body: JSON.stringify(p),
    };
  }

  if (claim?.kind === "claimed") {
    // A server error may be transient: the key is freed so that a retry runs again.
    // So may a rate limit: the retry after the wait must run, not replay the 429.
    if (stored.status >= 500 || stored.status === 429) await claim.release();
    else await claim.complete(stored);
  }
  return new Response(stored.body, {
    status: stored.status,
    headers: { ...stored.headers, "x-request-id": ctx.requestId },
  });
}
