import { instanceofZodTypeCoercible, unwrapZodType } from "trpc-to-openapi";
import { type $ZodType } from "zod/v4/core";
import { problem, type Problem, type ProblemIssue } from "./problem";
import { type RestRouteEntry } from "./routes";

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export type InputResult =
  { ok: true; input: unknown; rawBody: Uint8Array | null } | { ok: false; problem: Problem };

const fail = (
  status: number,
  code: string,
  detail: string,
  issues?: ProblemIssue[],
): InputResult => ({
  ok: false,
  problem: problem(status, code, detail, issues ? { issues } : {}),
});

/** The body, read up to `limit` bytes: a larger one is refused without reading it all. */
async function readBody(req: Request, limit: number): Promise<Uint8Array | "too-large"> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) return "too-large";
  if (!req.body) return new Uint8Array();
  // Node's Request types its body loosely; fetch bodies are byte streams.
  const reader = (req.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return "too-large";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

const isJsonMediaType = (contentType: string | null) =>
  contentType !== null && /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const unknownField = (key: string, where: string): ProblemIssue => ({
  path: [key],
  code: "unrecognized_keys",
  message: `Unknown ${where} "${key}"`,
});

function schemaKind(schema: $ZodType): "number" | "boolean" | "array" | "other" {
  const inner = unwrapZodType(schema, false);
  if (instanceofZodTypeCoercible(inner))
    return inner._zod.def.type === "boolean" ? "boolean" : "number";
  return inner._zod.def.type === "array" ? "array" : "other";
}

/** Query strings carry text only: numbers and booleans are converted when they read as such;
 * anything else is left for the procedure's schema to reject with a precise message. */
function fromQuery(value: string, kind: ReturnType<typeof schemaKind>): unknown {
  if (kind === "number" && /^-?\d+(?:\.\d+)?$/.test(value)) return Number(value);
  if (kind === "boolean" && (value === "true" || value === "false")) return value === "true";
  return value;
}

/**
 * The procedure's input from the request: path parameters, plus the JSON body (POST, PATCH)
 * or the query string (GET, DELETE). Fields the procedure does not declare are refused here,
 * so REST inputs are strict even though the shared schemas strip unknown keys for tRPC.
 */
export async function readInput(
  req: Request,
  url: URL,
  route: RestRouteEntry,
  params: Record<string, string>,
  maxBodyBytes: number,
): Promise<InputResult> {
  const fields = route.fields ?? {};
  const allowed = new Set(Object.keys(fields).filter((k) => !route.pathParams.includes(k)));
  let values: Record<string, unknown> = {};
  let rawBody: Uint8Array | null = null;

  if (route.method === "POST" || route.method === "PATCH") {
    const body = await readBody(req, maxBodyBytes);
    if (body === "too-large")
      return fail(413, "PAYLOAD_TOO_LARGE", `The body must be at most ${maxBodyBytes} bytes`);
    rawBody = body;
    if (body.byteLength > 0) {
      const contentType = req.headers.get("content-type");
      if (!isJsonMediaType(contentType)) {
        return fail(
          415,
          "UNSUPPORTED_MEDIA_TYPE",
          `Send the body as application/json${contentType ? `, not ${contentType}` : ""}`,
        );
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
      } catch (error) {
        return fail(
          400,
          "PARSE_ERROR",
          `The body is not valid JSON: ${error instanceof Error ? error.message : "unreadable"}`,
        );
      }
      if (!isPlainObject(parsed)) return fail(400, "BAD_REQUEST", "The body must be a JSON object");
      values = parsed;
    }
    const unknown = Object.keys(values).filter((k) => !allowed.has(k));
    if (unknown.length) {
      const issues = unknown.map((k) => unknownField(k, "field"));
      return fail(
        400,
        "BAD_REQUEST",
        `Unknown field${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`,
        issues,
      );
    }
  } else {
    const unknown: string[] = [];
    for (const key of new Set(url.searchParams.keys())) {
      const schema = allowed.has(key) ? fields[key] : undefined;
      if (!schema) {
        unknown.push(key);
        continue;
      }
      const kind = schemaKind(schema);
      const all = url.searchParams.getAll(key);
      if (kind === "array") values[key] = all;
      else if (all.length > 1)
        return fail(400, "BAD_REQUEST", `Query parameter "${key}" is given more than once`);
      else values[key] = fromQuery(all[0] ?? "", kind);
    }
    if (unknown.length) {
      const issues = unknown.map((k) => unknownField(k, "query parameter"));
      return fail(
        400,
        "BAD_REQUEST",
        `Unknown query parameter${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`,
        issues,
      );
    }
  }

  if (!route.fields) return { ok: true, input: undefined, rawBody };
  return { ok: true, input: { ...values, ...params }, rawBody };
}
