import { createRestHandler } from "@parley/api/rest";
import { webEnv } from "~/env";
import { sessionUserId } from "~/server/auth";
import { clientIp } from "~/server/client-ip";
import { runtime } from "~/server/runtime";
import { restPreflight, withRestCors } from "~/server/rest/cors";

// The REST API (/api/v1/*, OpenAPI at /api/v1/openapi.json): the tRPC procedures over plain
// HTTP, handled by packages/api/src/rest.
const handle = createRestHandler({ runtime, sessionUserId: () => sessionUserId(), clientIp: (req) => clientIp(req.headers) });

async function handler(req: Request): Promise<Response> {
  return withRestCors(req, await handle(req), webEnv().ALLOWED_ORIGINS);
}

function options(req: Request): Response {
  return restPreflight(req, webEnv().ALLOWED_ORIGINS);
}

export const dynamic = "force-dynamic";
export { handler as GET, handler as POST, handler as PATCH, handler as DELETE, options as OPTIONS };
