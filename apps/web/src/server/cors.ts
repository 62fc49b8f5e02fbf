/**
 * CORS for callers on other origins (listed in ALLOWED_ORIGINS). They authenticate with bearer
 * tokens, so credentials (cookies) are never allowed cross-origin: a session cookie only ever
 * works from Parley's own pages.
 */
const ALLOWED_METHODS = "GET, POST, OPTIONS";
const ALLOWED_HEADERS = "authorization, content-type, last-event-id, trpc-accept, x-request-id";
const MAX_AGE_SECONDS = "600";

function allowedOrigin(req: Request, allowed: readonly string[]): string | null {
  const origin = req.headers.get("origin");
  if (!origin) return null;
  return allowed.includes(origin) ? origin : null;
}

/** The answer to a preflight: 204 with the grants for a listed origin, 403 for anyone else. */
export function preflightResponse(req: Request, allowed: readonly string[]): Response {
  const origin = allowedOrigin(req, allowed);
  if (!origin) return new Response(null, { status: 403, headers: { vary: "Origin" } });
  return new Response(null, {
    status: 204,
    headers: {
      "access-control-allow-origin": origin,
      "access-control-allow-methods": ALLOWED_METHODS,
      "access-control-allow-headers": ALLOWED_HEADERS,
      "access-control-max-age": MAX_AGE_SECONDS,
      vary: "Origin",
    },
  });
}

/** Adds the grant to an actual response when the caller's origin is listed. */
export function withCors(req: Request, res: Response, allowed: readonly string[]): Response {
  const origin = allowedOrigin(req, allowed);
  res.headers.append("vary", "Origin");
  if (origin) res.headers.set("access-control-allow-origin", origin);
  return res;
}
