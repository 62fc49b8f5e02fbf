import { type OpenApiMeta } from "trpc-to-openapi";

type Method = "GET" | "POST" | "PATCH" | "DELETE";

/** HTTP statuses a route can answer with besides 200; each is an RFC 9457 problem document. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

export interface RestRoute {
  summary: string;
  description?: string;
  tag: "Auth" | "Discussions" | "Messages" | "Agent" | "Tokens" | "Labels" | "Moderation" | "Notifications" | "Users" | "Search" | "Webhooks";
  /** "optional": anyone may call it, and a signed-in caller may see more (their own drafts). */
  auth: "none" | "optional" | "required";
  errors: readonly ProblemStatus[];
}

/** Any body can be malformed, too large or not JSON; a POST's Idempotency-Key can be busy (409)
 * or reused with another body (422). */
const bodyErrors: Partial<Record<Method, readonly ProblemStatus[]>> = {
  POST: [400, 409, 413, 415, 422],
  PATCH: [400, 413, 415],
};

/**
 * A procedure's REST route under /api/v1. `protect` is what trpc-to-openapi reads to put the
 * bearer scheme on the operation; the document builder (./document.ts) turns `rest.auth` into the
 * exact security requirement and the listed statuses into problem+json responses.
 */
export function restRoute(method: Method, path: `/${string}`, route: RestRoute) {
  // 401 everywhere: a bearer token that is unknown, expired or revoked is refused, not ignored.
  // 503 everywhere: the database unreachable or saturated (with Retry-After; docs/operations.md).
  const errors = new Set<ProblemStatus>([401, 503, ...route.errors, ...(bodyErrors[method] ?? [])]);
  return {
    openapi: {
      method,
      path,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [route.tag],
      protect: route.auth === "required",
      errorResponses: [...errors].sort((a, b) => a - b),
    },
    rest: { auth: route.auth },
  } satisfies OpenApiMeta<{ rest: { auth: RestRoute["auth"] } }>;
}

export type ParleyMeta = OpenApiMeta<{ rest?: { auth: RestRoute["auth"] } }>;
