import { initTRPC, TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError, type ResponseMeta } from "@trpc/server/http";
import { TRPC_ERROR_CODES_BY_KEY, type TRPCResponse } from "@trpc/server/rpc";
import { z, ZodError } from "zod";
import { type Context } from "./context";
import { DomainError, retryAfterSecondsOf, toTRPCError, typedTRPCError } from "./errors";
import { metrics } from "./metrics";
import { recordRateLimitedAccount } from "./moderation/rate-limited";
import { assertMayWrite, isAdmin, isModerator, staffRefusal } from "./policies/access";
import { assertVerifiedIfRequired } from "./policies/unverified";
import { type RateAction } from "./rate-limit/defaults";
import { enforceRateLimit } from "./rate-limit/enforce";
import { type ParleyMeta } from "./rest/meta";

// Meta carries each procedure's REST route (src/rest), read by trpc-to-openapi.
const t = initTRPC.context<Context>().meta<ParleyMeta>().create({
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
    // Errors raised before any middleware ran (creating the context reads the viewer from the
    // database) are typed here: an unavailable database is SERVICE_UNAVAILABLE, not a 500.
    const typed = error.code === "INTERNAL_SERVER_ERROR" ? typedTRPCError(error) : null;
    if (typed) {
      return {
        ...shape,
        code: TRPC_ERROR_CODES_BY_KEY[typed.code],
        message: typed.message,
        data: {
          ...shape.data,
          code: typed.code,
          httpStatus: getHTTPStatusCodeFromError(typed),
          zodError,
          retryAfterSeconds: retryAfterSecondsOf(typed),
        },
      };
    }
    return { ...shape, data: { ...shape.data, zodError, retryAfterSeconds: retryAfterSecondsOf(error) } };
  },
  sse: {
    // Comments every 15 s keep proxies from closing idle streams; streams end after
    // 5 minutes and the client reconnects from its last event id.
    ping: { enabled: true, intervalMs: 15_000 },
    maxDurationMs: 5 * 60_000,
    client: { reconnectAfterInactivityMs: 40_000 },
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Domain errors become typed tRPC errors here, and only here; so does an unavailable database
 * (SERVICE_UNAVAILABLE with data.retryAfterSeconds, see errors.ts).
 */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const typed = typedTRPCError(result.error);
    if (typed) throw typed;
  }
  return result;
});

/**
 * The HTTP side of a refusal that says when to retry (429, 503): a Retry-After header on the
 * /api/trpc response. Pass as fetchRequestHandler's `responseMeta`.
 */
export function retryAfterResponseMeta(opts: { data: readonly TRPCResponse[] }): ResponseMeta {
  const waits = opts.data.flatMap((response) => {
    if (!("error" in response)) return [];
    const data: unknown = response.error.data;
    const parsed = z.object({ retryAfterSeconds: z.number().int().nonnegative() }).safeParse(data);
    return parsed.success ? [parsed.data.retryAfterSeconds] : [];
  });
  return waits.length > 0 ? { headers: { "retry-after": String(Math.max(...waits)) } } : {};
}

/** One log line and one histogram sample per query or mutation (subscriptions are long-lived). */
const observed = t.middleware(async ({ ctx, path, type, next }) => {
  if (type === "subscription") return next();
  const started = performance.now();
  const result = await next();
  const seconds = (performance.now() - started) / 1000;
  const code = result.ok ? "OK" : result.error.code;
  metrics.procedureDuration.observe({ path, type, code }, seconds);
  const line = { path, type, code, ms: Math.round(seconds * 1000) };
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR") ctx.log.error({ ...line, err: result.error }, "procedure failed");
  else if (!result.ok && result.error.code === "SERVICE_UNAVAILABLE") ctx.log.warn({ ...line, err: result.error.cause }, "procedure refused: a dependency is unavailable");
  else ctx.log.debug(line, "procedure");
  return result;
});

export const publicProcedure = t.procedure.use(observed).use(domainErrors);

/** Signed in (session or bearer token) with an account that is not banned. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.viewer) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to do this" });
  return next({ ctx: { ...ctx, viewer: ctx.viewer } });
});

/** Signed in and allowed to change things: not suspended, and a token with the write scope. */
export const memberProcedure = authedProcedure.use(async ({ ctx, next }) => {
  try {
    assertMayWrite(ctx.viewer, new Date(ctx.now()));
    await assertVerifiedIfRequired(ctx.db, ctx.viewer);
  } catch (error) {
    if (error instanceof DomainError) throw toTRPCError(error);
    throw error;
  }
  return next();
});

export const moderatorProcedure = memberProcedure.use(({ ctx, next }) => {
  if (!isModerator(ctx.viewer)) throw new TRPCError({ code: "FORBIDDEN", message: staffRefusal(ctx.viewer, "Moderators only") });
  return next();
});

export const adminProcedure = memberProcedure.use(({ ctx, next }) => {
  if (!isAdmin(ctx.viewer)) throw new TRPCError({ code: "FORBIDDEN", message: staffRefusal(ctx.viewer, "Admins only") });
  return next();
});

/**
 * Counts one `action` against the caller's account (if signed in) and IP before the procedure
 * runs; over a limit it fails with TOO_MANY_REQUESTS and data.retryAfterSeconds.
 */
export const rateLimited = (action: RateAction) =>
  t.middleware(async ({ ctx, next }) => {
    try {
      await enforceRateLimit(
        { db: ctx.db, limiter: ctx.limiter, nowMs: ctx.now(), ip: ctx.ip, account: ctx.viewer },
        action,
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // Logged so repeated offenders can be found (and later queued for moderators).
      ctx.log.info({ action, accountId: ctx.viewer?.id, ip: ctx.ip, retryAfterSeconds: error.details.retryAfterSeconds }, "rate limited");
      // Repeated offenders reach the moderators' queue; the refusal stands even if this fails.
      if (ctx.viewer) {
        await recordRateLimitedAccount(ctx, ctx.viewer.id, action).catch((err: unknown) =>
          ctx.log.warn({ err }, "could not queue the rate-limited account"),
        );
      }
      throw toTRPCError(error);
    }
    return next();
  });
