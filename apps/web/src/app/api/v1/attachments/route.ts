import { webEnv } from "~/env";
import { restPreflight, withRestCors } from "~/server/rest/cors";
import { attachmentHttp } from "../../attachments/http";

// POST /api/v1/attachments: the file's bytes as the body, ?filename=. Not through the REST
// catch-all, which parses JSON bodies of at most 1 MiB; this one streams up to the upload limit.
async function post(req: Request): Promise<Response> {
  return withRestCors(req, await attachmentHttp.upload(req), webEnv().ALLOWED_ORIGINS);
}

function options(req: Request): Response {
  return restPreflight(req, webEnv().ALLOWED_ORIGINS);
}

export const dynamic = "force-dynamic";
export { post as POST, options as OPTIONS };
