import { agentEventSchema, agentJobViewSchema } from "@parley/agent/contracts";
import { generateOpenApiDocument } from "trpc-to-openapi";
import { z } from "zod";
import { type oas31, type ZodOpenApiPathItemObject } from "zod-openapi";
import { liveDiscussionEventSchema, liveThreadEventSchema } from "../events/types";
import { appRouter } from "../root";
import { attachmentOpenApiPaths } from "../services/attachments-openapi";
import { labelSchema } from "../routers/label/schemas";
import { tokenSchema } from "../routers/tokens/schemas";
import { discussionSummarySchema } from "../views/discussion";
import { messageViewSchema } from "../views/message";
import { userRefSchema } from "../views/user";
import { type ProblemStatus } from "./meta";
import { PROBLEM_CONTENT_TYPE, problemSchema, statusTitle } from "./problem";
import { restRoutes } from "./routes";

export const REST_BASE = "/api/v1";

const PROBLEM_RESPONSES: Record<ProblemStatus | 500, { name: string; description: string }> = {
  400: {
    name: "BadRequest",
    description: "Malformed JSON, wrong types, unknown fields or invalid values (see `issues`)",
  },
  401: {
    name: "Unauthorized",
    description: "Sign-in needed, or the bearer token is unknown, expired or revoked",
  },
  403: {
    name: "Forbidden",
    description: "Signed in but not allowed (suspended account, read-only token, not the author)",
  },
  404: { name: "NotFound", description: "No such resource (or not visible to the caller)" },
  409: {
    name: "Conflict",
    description:
      "The resource's state forbids this (closed discussion, taken email), or a request with the same Idempotency-Key is still running",
  },
  413: { name: "ContentTooLarge", description: "The body is larger than 1 MiB" },
  415: { name: "UnsupportedMediaType", description: "The body is not application/json" },
  422: {
    name: "UnprocessableContent",
    description: "The Idempotency-Key was already used with a different request",
  },
  429: {
    name: "TooManyRequests",
    description: "Rate limited; retry after the `Retry-After` header's seconds",
  },
  503: {
    name: "ServiceUnavailable",
    description:
      "The database is unreachable or saturated; nothing was written. Retry after the `Retry-After` header's seconds",
  },
  500: {
    name: "InternalServerError",
    description: "An unexpected error; the answer carries a requestId to report",
  },
};

const problemRef = (status: ProblemStatus | 500): oas31.ReferenceObject => ({
  $ref: `#/components/responses/${PROBLEM_RESPONSES[status].name}`,
});

const SECURITY_SCHEMES: Record<string, oas31.SecuritySchemeObject> = {
  bearerAuth: {
    type: "http",
    scheme: "bearer",
    description:
      "A token from POST /auth/login, or a personal API token (POST /tokens): `Authorization: Bearer <token>`",
  },
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: "next-auth.session-token",
    description:
      "The web app's session cookie (`__Secure-next-auth.session-token` over HTTPS); same-origin only",
  },
};

const lastEventIdParams = {
  query: z.object({
    lastEventId: z
      .string()
      .max(50)
      .optional()
      .meta({ description: "Resume after this event id (like Last-Event-ID)" }),
  }),
  header: z.object({
    "Last-Event-ID": z
      .string()
      .max(50)
      .optional()
      .meta({ description: "Resume after this event id" }),
  }),
};

const STREAM_FORMAT = [
  "Each event has `id:` (the event id), `event:` (its type, e.g. `message.created`) and a JSON `data:` line",
  "whose shape is the schema below. A comment line arrives every 15 s to keep proxies from closing the stream.",
  "Reconnect with the `Last-Event-ID` header (EventSource sends it) or `?lastEventId=` to get exactly what was missed.",
  "At most PARLEY_LIVE_MAX_CONNECTIONS (10) event streams and WebSockets per token or account at once, across instances (429 beyond).",
].join(" ");

/** A GET that answers with Server-Sent Events; `data:` lines follow `schema`. */
function eventStreamPath(opts: {
  operationId: string;
  summary: string;
  description: string;
  tag: "Discussions" | "Agent";
  path?: z.ZodObject;
  schema: z.ZodType;
  errors: readonly (400 | 401 | 404 | 429 | 503)[];
}): ZodOpenApiPathItemObject {
  return {
    get: {
      operationId: opts.operationId,
      summary: opts.summary,
      description: `${opts.description} ${STREAM_FORMAT}`,
      tags: [opts.tag],
      security: [{}, { bearerAuth: [] }, { sessionCookie: [] }],
      requestParams: { ...(opts.path ? { path: opts.path } : {}), ...lastEventIdParams },
      responses: {
        "200": {
          description: "An endless event stream; each `data:` line is one of these events",
          content: { "text/event-stream": { schema: opts.schema } },
        },
        ...Object.fromEntries(opts.errors.map((status) => [String(status), problemRef(status)])),
        default: problemRef(500),
      },
    },
  };
}

const eventStreamPaths: Record<string, ZodOpenApiPathItemObject> = {
  "/discussions/{discussionId}/events": eventStreamPath({
    operationId: "discussion-events",
    summary: "Follow a discussion live (Server-Sent Events)",
    description:
      "New, edited and deleted messages, discussion changes and agent job updates, as `text/event-stream` (reply drafts stay private to their requester).",
    tag: "Discussions",
    path: z.object({ discussionId: z.uuid() }),
    schema: liveThreadEventSchema,
    errors: [400, 401, 404, 429, 503],
  }),
  "/discussions/events": eventStreamPath({
    operationId: "discussions-events",
    summary: "Follow the discussion list live (Server-Sent Events)",
    description: "Discussions created and changed (title, status, labels, activity), as `text/event-stream`.",
    tag: "Discussions",
    schema: liveDiscussionEventSchema,
    errors: [400, 401, 429, 503],
  }),
  "/agent-jobs/{id}/events": eventStreamPath({
    operationId: "agent-job-events",
    summary: "Follow one agent job live (Server-Sent Events)",
    description:
      "The job's status changes (`agent.job.updated`, from its first) and its streamed text (`agent.job.delta`), as `text/event-stream`. A reply draft's stream is its requester's alone (404 to anyone else).",
    tag: "Agent",
    path: z.object({ id: z.uuid() }),
    schema: agentEventSchema,
    errors: [400, 401, 404, 429, 503],
  }),
};

interface RestOperation extends oas31.OperationObject {
  responses: oas31.ResponsesObject;
}

function rewriteOperation(
  op: RestOperation,
  method: string,
  auth: "none" | "optional" | "required",
  paginated: boolean,
) {
  // trpc-to-openapi describes errors in its own JSON shape; ours are problem documents.
  const responses: oas31.ResponsesObject = {};
  for (const [status, response] of Object.entries(op.responses) as [
    string,
    oas31.ResponseObject | oas31.ReferenceObject,
  ][]) {
    const code = Number(status) as ProblemStatus | 500;
    if (code >= 400 && code in PROBLEM_RESPONSES) responses[status] = problemRef(code);
    else responses[status] = response;
  }
  responses.default = problemRef(500);
  const ok = responses["200"] as oas31.ResponseObject | undefined;
  if (ok) {
    ok.headers = {
      ...(ok.headers ?? {}),
      ...(paginated ? { Link: { $ref: "#/components/headers/Link" } } : {}),
      ...(method === "post"
        ? { "Idempotent-Replayed": { $ref: "#/components/headers/IdempotentReplayed" } }
        : {}),
    };
    if (Object.keys(ok.headers).length === 0) delete ok.headers;
  }
  op.responses = responses;
  // REST bodies are strict (./input.ts refuses unknown fields): say so to generators and validators.
  const body =
    op.requestBody && "content" in op.requestBody
      ? op.requestBody.content["application/json"]?.schema
      : undefined;
  if (body && "type" in body && body.type === "object") body.additionalProperties = false;
  if (auth === "none") op.security = [];
  if (auth === "optional") op.security = [{}, { bearerAuth: [] }, { sessionCookie: [] }];
  for (const parameter of op.parameters ?? []) {
    // `cursor: string | null` in a schema is "absent or a string" in a query string.
    const schema = "in" in parameter ? parameter.schema : undefined;
    if (schema && "anyOf" in schema && schema.anyOf) {
      const present = schema.anyOf.filter((s) => !("type" in s && s.type === "null"));
      if (present.length === 1 && present[0] && "in" in parameter) parameter.schema = present[0];
    }
  }
  if (method === "post")
    op.parameters = [...(op.parameters ?? []), { $ref: "#/components/parameters/IdempotencyKey" }];
}

function build(): oas31.OpenAPIObject {
  const generated: oas31.OpenAPIObject = generateOpenApiDocument(appRouter, {
    title: "Parley API",
    version: "1.0.0",
    description: [
      "Parley's REST API: the same procedures as the tRPC router, over plain HTTP.",
      'Errors are RFC 9457 `application/problem+json`. Lists are cursor-paginated (`nextCursor`, and a `Link: rel="next"` header).',
      "POSTs honour `Idempotency-Key` (24 hours). See docs/rest-api.md for a walkthrough.",
    ].join(" "),
    baseUrl: REST_BASE,
    tags: ["Auth", "Discussions", "Messages", "Search", "Agent", "Labels", "Tokens", "Moderation"],
    securitySchemes: SECURITY_SCHEMES,
    paths: { ...eventStreamPaths, ...attachmentOpenApiPaths },
    defs: {
      Problem: problemSchema,
      Discussion: discussionSummarySchema,
      Message: messageViewSchema,
      AgentJob: agentJobViewSchema,
      UserRef: userRefSchema,
      Token: tokenSchema,
      Label: labelSchema,
    },
  });

  for (const route of restRoutes) {
    const method = route.method.toLowerCase() as "get" | "post" | "patch" | "delete";
    const op = generated.paths?.[route.openapiPath]?.[method] as RestOperation | undefined;
    if (!op) throw new Error(`OpenAPI document lacks ${route.method} ${route.openapiPath}`);
    rewriteOperation(op, method, route.auth, route.paginated);
  }

  const components = generated.components ?? {};
  // trpc-to-openapi's own error schemas, replaced by Problem above.
  components.schemas = Object.fromEntries(
    Object.entries(components.schemas ?? {}).filter(([name]) => !name.startsWith("error.")),
  );
  components.responses = Object.fromEntries(
    Object.entries(PROBLEM_RESPONSES).map(([status, { name, description }]) => [
      name,
      {
        description: `${statusTitle(Number(status))}: ${description}`,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: "#/components/schemas/Problem" } } },
      } satisfies oas31.ResponseObject,
    ]),
  );
  components.parameters = {
    IdempotencyKey: {
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description:
        "Any unique string (a UUID, say). A retry with the same key and the same body returns the first answer (with `Idempotent-Replayed: true`) and changes nothing twice; keys are kept 24 hours per caller.",
      schema: { type: "string", minLength: 1, maxLength: 255 },
    },
  };
  components.headers = {
    Link: {
      description: 'The next page, when there is one: `<...?cursor=...>; rel="next"`',
      schema: { type: "string" },
    },
    IdempotentReplayed: {
      description:
        "`true` when this is the stored answer to an earlier request with the same Idempotency-Key",
      schema: { type: "string", enum: ["true"] },
    },
  };
  generated.components = components;
  return generated;
}

let cached: oas31.OpenAPIObject | undefined;

/** The OpenAPI 3.1 document of /api/v1, built once per process. */
export function openApiDocument(): oas31.OpenAPIObject {
  cached ??= build();
  return cached;
}
