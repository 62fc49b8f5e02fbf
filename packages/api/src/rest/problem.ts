import { type TRPCError } from "@trpc/server";
import { retryAfterSecondsOf, typedTRPCError } from "../errors";
import { TRPC_ERROR_CODE_HTTP_STATUS } from "trpc-to-openapi";
import { z, ZodError } from "zod";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export const problemIssueSchema = z.object({
  path: z
    .array(z.union([z.string(), z.number()]))
    .meta({ description: 'Where in the input, e.g. ["title"]' }),
  message: z.string(),
  code: z.string().meta({
    description: "The validator's issue code, e.g. too_small, invalid_type, unrecognized_keys",
  }),
});

/** RFC 9457 problem details, with Parley's extension members. */
export const problemSchema = z
  .object({
    type: z.string().meta({
      description: "A URI reference for the problem type; about:blank means the status says it all",
    }),
    title: z.string().meta({ description: "The HTTP status phrase" }),
    status: z.number().int(),
    detail: z.string().meta({ description: "What went wrong, for a person" }),
    instance: z.string().optional(),
    code: z.string().meta({
      description:
        "A stable machine code, e.g. NOT_FOUND, BAD_REQUEST, CONFLICT (tRPC's error code)",
    }),
    requestId: z.string().optional(),
    retryAfterSeconds: z
      .number()
      .int()
      .optional()
      .meta({
        description:
          "For 429 and 503: seconds to wait before trying again (also the Retry-After header)",
      }),
    issues: z
      .array(problemIssueSchema)
      .optional()
      .meta({ description: "For invalid input: one entry per problem found" }),
  })
  .meta({
    id: "Problem",
    description: "An error, as RFC 9457 application/problem+json",
    examples: [
      {
        type: "about:blank",
        title: "Not Found",
        status: 404,
        detail: "Discussion not found",
        code: "NOT_FOUND",
      },
    ],
  });
export type Problem = z.infer<typeof problemSchema>;
export type ProblemIssue = z.infer<typeof problemIssueSchema>;

const STATUS_TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export const statusTitle = (status: number) => STATUS_TITLES[status] ?? "Error";

/** The HTTP status of a tRPC error code (trpc-to-openapi's table, so both agree). */
export const httpStatusOf = (code: TRPCError["code"]): number => TRPC_ERROR_CODE_HTTP_STATUS[code];

export function problemIssues(error: ZodError): ProblemIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.filter((p): p is string | number => typeof p !== "symbol"),
    message: issue.message,
    code: issue.code,
  }));
}

const describeIssues = (issues: ProblemIssue[]) =>
  issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");

export function problem(
  status: number,
  code: string,
  detail: string,
  extra: Partial<Problem> = {},
): Problem {
  return { type: "about:blank", title: statusTitle(status), status, detail, code, ...extra };
}

/** One error of a procedure, as a problem: the tRPC code decides the status, zod issues are kept. */
export function problemFromTRPCError(error: TRPCError): Problem {
  const status = httpStatusOf(error.code);
  if (error.cause instanceof ZodError) {
    const issues = problemIssues(error.cause);
    return problem(status, error.code, `Invalid input: ${describeIssues(issues)}`, { issues });
  }
  // Internal errors keep their details in the log, never in the answer; a 503's message is ours.
  const detail =
    status >= 500 && status !== 503 ? "Something went wrong on our side; try again later" : error.message;
  const retryAfterSeconds = retryAfterSecondsOf(error);
  return problem(status, error.code, detail, retryAfterSeconds === null ? {} : { retryAfterSeconds });
}

/**
 * An error raised outside any procedure (resolving the viewer, idempotency keys, the event
 * stream): an unavailable database is a 503 with Retry-After; anything else is a 500, which
 * `bug` tells the caller to log as one.
 */
export function problemFromUnknown(error: unknown): { problem: Problem; bug: boolean } {
  const typed = typedTRPCError(error);
  if (typed) return { problem: problemFromTRPCError(typed), bug: false };
  return {
    problem: problem(500, "INTERNAL_SERVER_ERROR", "Something went wrong on our side; try again later"),
    bug: true,
  };
}

/**
 * Retry-After (RFC 9110) and RateLimit (IETF draft-ietf-httpapi-ratelimit-headers: no
 * requests left, quota back in t seconds) for a problem that says when to retry.
 */
export function retryHeaders(p: Problem): Record<string, string> {
  if (p.retryAfterSeconds === undefined) return {};
  const seconds = String(p.retryAfterSeconds);
  if (p.status !== 429) return { "retry-after": seconds };
  return { "retry-after": seconds, ratelimit: `"default";r=0;t=${seconds}` };
}

export function problemResponse(
  body: Problem,
  init: { headers?: Record<string, string>; requestId?: string; instance?: string } = {},
): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", PROBLEM_CONTENT_TYPE);
  const full: Problem = {
    ...body,
    ...(init.instance ? { instance: init.instance } : {}),
    ...(init.requestId ? { requestId: init.requestId } : {}),
  };
  return new Response(JSON.stringify(full), { status: body.status, headers });
}
