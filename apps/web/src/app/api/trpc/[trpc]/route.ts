import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter, createTRPCContext } from "@parley/api";
import { logger, retryAfterResponseMeta, typedTRPCError } from "@parley/api/server";
import { webEnv } from "~/env";
import { sessionUserId } from "~/server/auth";
import { clientIp } from "~/server/client-ip";
import { preflightResponse, withCors } from "~/server/cors";
import { runtime } from "~/server/runtime";

async function handler(req: Request): Promise<Response> {
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () =>
      createTRPCContext({
        runtime: await runtime(),
        headers: req.headers,
        sessionUserId: await sessionUserId(),
        ip: clientIp(req.headers),
      }),
    // 429 and 503 answers say when to retry (Retry-After), as the REST API's do.
    responseMeta: retryAfterResponseMeta,
    onError({ error, path }) {
      // An unavailable database is answered 503 (the error formatter), a warning, not a bug.
      if (error.code === "INTERNAL_SERVER_ERROR" && !typedTRPCError(error)) logger.error({ err: error, path }, "tRPC procedure failed");
    },
  });
  return withCors(req, response, webEnv().ALLOWED_ORIGINS);
}

function options(req: Request): Response {
  return preflightResponse(req, webEnv().ALLOWED_ORIGINS);
}

export { handler as GET, handler as POST, options as OPTIONS };
