import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter, createTRPCContext } from "@parley/api";
import { createRestHandler } from "@parley/api/rest";
import { logger, retryAfterResponseMeta, typedTRPCError } from "@parley/api/server";
import { webEnv } from "../../env";
import { preflightResponse, withCors } from "../cors";
import { restPreflight, withRestCors } from "../rest/cors";
import { runtime } from "../runtime";

/** Who is calling, from what the server in front of the handlers knows of the request. */
export interface RequestIdentity {
  /** The account of the web session cookie, if any. */
  sessionUserId: (req: Request) => Promise<string | null>;
  clientIp: (req: Request) => string | null;
}

/**
 * The API's two ways in, /api/trpc (tRPC over HTTP and SSE) and /api/v1 (REST), as fetch
 * handlers. The web server (server/main.ts) serves them without Next's router in the way
 * (docs/performance.md): one home for both, whatever serves them.
 */
export function createApiHandlers(identity: RequestIdentity) {
  const rest = createRestHandler({ runtime, sessionUserId: identity.sessionUserId, clientIp: identity.clientIp });
  return {
    async trpc(req: Request): Promise<Response> {
      const origins = webEnv().ALLOWED_ORIGINS;
      if (req.method === "OPTIONS") return preflightResponse(req, origins);
      const response = await fetchRequestHandler({
        endpoint: "/api/trpc",
        req,
        router: appRouter,
        createContext: async () =>
          createTRPCContext({
            runtime: await runtime(),
            headers: req.headers,
            sessionUserId: await identity.sessionUserId(req),
            ip: identity.clientIp(req),
          }),
        // 429 and 503 answers say when to retry (Retry-After), as the REST API's do.
        responseMeta: retryAfterResponseMeta,
        onError({ error, path }) {
          // An unavailable database is answered 503 (the error formatter), a warning, not a bug.
          if (error.code === "INTERNAL_SERVER_ERROR" && !typedTRPCError(error)) {
            logger.error({ err: error, path }, "tRPC procedure failed");
          }
        },
      });
      return withCors(req, response, origins);
    },
    async rest(req: Request): Promise<Response> {
      const origins = webEnv().ALLOWED_ORIGINS;
      if (req.method === "OPTIONS") return restPreflight(req, origins);
      return withRestCors(req, await rest(req), origins);
    },
  };
}
