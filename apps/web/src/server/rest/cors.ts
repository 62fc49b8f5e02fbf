import { preflightResponse, withCors } from "../cors";

/**
 * The REST API's CORS: the app's helper (origins from ALLOWED_ORIGINS, no credentials
 * cross-origin), with the methods and headers that /api/v1 uses and the response headers a
 * browser client may read.
 */
const REST_METHODS = "GET, POST, PATCH, DELETE, OPTIONS";
const REST_REQUEST_HEADERS =
  "authorization, content-type, idempotency-key, last-event-id, x-request-id";
const REST_EXPOSED_HEADERS = "link, idempotent-replayed, retry-after, x-request-id";

export function restPreflight(req: Request, allowed: readonly string[]): Response {
  const res = preflightResponse(req, allowed);
  if (res.status === 204) {
    res.headers.set("access-control-allow-methods", REST_METHODS);
    res.headers.set("access-control-allow-headers", REST_REQUEST_HEADERS);
  }
  return res;
}

export function withRestCors(req: Request, res: Response, allowed: readonly string[]): Response {
  const out = withCors(req, res, allowed);
  if (out.headers.has("access-control-allow-origin"))
    out.headers.set("access-control-expose-headers", REST_EXPOSED_HEADERS);
  return out;
}
