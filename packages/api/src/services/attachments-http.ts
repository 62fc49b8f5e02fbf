import { randomUUID } from "node:crypto";
import { type Database } from "@parley/db";
import { getStorage, type ObjectStorage } from "@parley/storage";
import { bearerFrom } from "../auth/tokens";
import { resolveViewer, type Viewer } from "../auth/viewer";
import { DomainError } from "../errors";
import { logger } from "../logger";
import { assertMayWrite } from "../policies/access";
import { enforceRateLimit } from "../rate-limit/enforce";
import { type RateLimiter } from "../rate-limit/limiter";
import { PostgresRateLimiter } from "../rate-limit/postgres-limiter";
import { fingerprintOf, IDEMPOTENCY_KEY_PATTERN, IdempotencyStore, type StoredResponse } from "../rest/idempotency";
import { PROBLEM_CONTENT_TYPE, problem, problemResponse, retryHeaders, type Problem } from "../rest/problem";
import { findDownloadable, storeUpload, tooLarge, UploadRefusal } from "./attachments";
import { ATTACHMENT_LIMITS, INLINE_IMAGE_TYPES } from "./attachments-policy";

export interface AttachmentHttpOptions {
  runtime: () => Promise<{ db: Database; env: { APP_SECRET_KEY: string } }>;
  /** Default: the process's storage from STORAGE_DRIVER and friends. */
  storage?: () => ObjectStorage;
  sessionUserId?: (req: Request) => Promise<string | null>;
  clientIp?: (req: Request) => string | null;
  limiter?: (db: Database) => RateLimiter;
  now?: () => number;
}

const fail = (req: Request, p: Problem, headers: Record<string, string> = {}) => {
  const requestId = req.headers.get("x-request-id") ?? randomUUID();
  return problemResponse(p, {
    requestId,
    instance: new URL(req.url).pathname,
    headers: { "x-request-id": requestId, ...(p.status === 401 ? { "www-authenticate": "Bearer" } : {}), ...headers },
  });
};

const toResponse = (stored: StoredResponse, extra: Record<string, string> = {}) =>
  new Response(stored.body, { status: stored.status, headers: { ...stored.headers, ...extra } });

/** Reads at most maxBytes of the body; past that it stops reading at once and says so. */
async function readLimited(req: Request, maxBytes: number): Promise<Uint8Array | "too-large"> {
  if (!req.body) return new Uint8Array(0);
  // Node types the body as ReadableStream<any>; fetch bodies are byte streams.
  const reader = (req.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return "too-large";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** RFC 6266: an ASCII fallback and the exact UTF-8 name. */
function contentDisposition(kind: "inline" | "attachment", filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7E]|["\\%]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Uploads (POST, raw bytes with ?filename=) and downloads (GET) of attachments as fetch
 * handlers. Not tRPC procedures: a procedure's input is parsed JSON, while an upload must be
 * streamed and cut off at the size limit, and a download is a byte stream with its own headers.
 */
export function createAttachmentHttp(options: AttachmentHttpOptions) {
  const storage = options.storage ?? getStorage;
  const now = options.now ?? Date.now;

  async function viewerOf(req: Request, db: Database): Promise<Viewer | null | "bad-token"> {
    const bearer = bearerFrom(req.headers);
    if (req.headers.has("authorization") && !bearer) return "bad-token";
    const viewer = await resolveViewer(db, {
      bearerToken: bearer,
      sessionUserId: bearer ? null : ((await options.sessionUserId?.(req)) ?? null),
    });
    return bearer && !viewer ? "bad-token" : viewer;
  }

  /** The upload itself, once the caller may upload and the body is read. */
  async function store(db: Database, viewer: Viewer, req: Request, bytes: Uint8Array): Promise<StoredResponse> {
    const requestId = req.headers.get("x-request-id") ?? randomUUID();
    try {
      const filename = new URL(req.url).searchParams.get("filename");
      const view = await storeUpload({ db, storage: storage() }, viewer, { filename, bytes });
      return { status: 200, headers: { "content-type": "application/json", "cache-control": "no-store" }, body: JSON.stringify(view) };
    } catch (error) {
      if (!(error instanceof UploadRefusal)) throw error;
      const code = error.status === 413 ? "PAYLOAD_TOO_LARGE" : error.status === 415 ? "UNSUPPORTED_MEDIA_TYPE" : "BAD_REQUEST";
      const p = { ...problem(error.status, code, error.message), instance: new URL(req.url).pathname, requestId };
      return { status: p.status, headers: { "content-type": PROBLEM_CONTENT_TYPE }, body: JSON.stringify(p) };
    }
  }

  async function upload(req: Request): Promise<Response> {
    try {
      const { db, env } = await options.runtime();
      const viewer = await viewerOf(req, db);
      if (viewer === "bad-token") return fail(req, problem(401, "UNAUTHORIZED", "This bearer token is unknown, expired or revoked"));
      if (!viewer) return fail(req, problem(401, "UNAUTHORIZED", "Sign in to upload files"));
      try {
        assertMayWrite(viewer);
        await enforceRateLimit(
          { db, limiter: options.limiter?.(db) ?? new PostgresRateLimiter(db), nowMs: now(), ip: options.clientIp?.(req) ?? null, account: viewer },
          "attachment.upload",
        );
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.code === "RATE_LIMITED") {
          const p = problem(429, "TOO_MANY_REQUESTS", error.message, { retryAfterSeconds: error.details.retryAfterSeconds ?? 1 });
          return fail(req, p, retryHeaders(p));
        }
        return fail(req, problem(403, "FORBIDDEN", error.message));
      }
      const declared = Number(req.headers.get("content-length") ?? "NaN");
      if (declared > ATTACHMENT_LIMITS.maxBytes) return fail(req, problem(413, "PAYLOAD_TOO_LARGE", tooLarge().message));
      if ((req.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/")) {
        return fail(req, problem(415, "UNSUPPORTED_MEDIA_TYPE", "Send the file's bytes as the body, its name as ?filename="));
      }
      const bytes = await readLimited(req, ATTACHMENT_LIMITS.maxBytes);
      if (bytes === "too-large") return fail(req, problem(413, "PAYLOAD_TOO_LARGE", tooLarge().message));

      // Idempotency-Key as on every REST POST: a retried upload answers with the first attachment.
      const key = req.headers.get("idempotency-key");
      if (key === null) return toResponse(await store(db, viewer, req, bytes));
      if (!IDEMPOTENCY_KEY_PATTERN.test(key)) return fail(req, problem(400, "BAD_REQUEST", "Idempotency-Key must be 1 to 255 visible ASCII characters"));
      const url = new URL(req.url);
      const claim = await new IdempotencyStore(db, env.APP_SECRET_KEY).claim(viewer.id, key, fingerprintOf("POST", url.pathname + url.search, bytes));
      if (claim.kind === "replay") return toResponse(claim.response, { "idempotent-replayed": "true" });
      if (claim.kind === "in-progress") {
        return fail(req, problem(409, "CONFLICT", "A request with this Idempotency-Key is still being processed; retry shortly"), { "retry-after": "1" });
      }
      if (claim.kind === "mismatch") return fail(req, problem(422, "UNPROCESSABLE_CONTENT", "This Idempotency-Key was already used for a different request"));
      try {
        const stored = await store(db, viewer, req, bytes);
        await claim.complete(stored);
        return toResponse(stored);
      } catch (error) {
        await claim.release();
        throw error;
      }
    } catch (error) {
      logger.error({ err: error }, "upload failed");
      return fail(req, problem(500, "INTERNAL_SERVER_ERROR", "Something went wrong on our side; try again later"));
    }
  }

  async function download(req: Request, id: string, variant: "original" | "preview"): Promise<Response> {
    try {
      const { db } = await options.runtime();
      const viewer = await viewerOf(req, db);
      if (viewer === "bad-token") return fail(req, problem(401, "UNAUTHORIZED", "This bearer token is unknown, expired or revoked"));
      const row = UUID.test(id) ? await findDownloadable(db, viewer, id) : null;
      const key = row && (variant === "preview" ? row.previewKey : row.storageKey);
      const object = key ? await storage().get(key) : null;
      if (!row || !object) return fail(req, problem(404, "NOT_FOUND", "Attachment not found"));

      const contentType = variant === "preview" ? "image/webp" : row.contentType;
      const etag = `"${row.sha256}${variant === "preview" ? "-preview" : ""}"`;
      const inline = INLINE_IMAGE_TYPES.has(contentType) && new URL(req.url).searchParams.get("download") === null;
      const filename = variant === "preview" ? `${row.filename.replace(/\.[^.]*$/, "")}.preview.webp` : row.filename;
      const headers: Record<string, string> = {
        "content-type": contentType === "text/plain" ? "text/plain; charset=utf-8" : contentType,
        "content-disposition": contentDisposition(inline ? "inline" : "attachment", filename),
        "x-content-type-options": "nosniff",
        "content-security-policy": "sandbox; default-src 'none'",
        "cross-origin-resource-policy": "same-origin",
        // Private: it depends on who asks. Revalidated each time (a 304 by ETag) so that a deleted
        // or held message's files stop showing at once.
        "cache-control": "private, no-cache",
        etag,
      };
      if (req.headers.get("if-none-match") === etag) {
        await object.body.cancel();
        return new Response(null, { status: 304, headers });
      }
      return new Response(req.method === "HEAD" ? null : object.body, {
        status: 200,
        headers: { ...headers, "content-length": String(object.size) },
      });
    } catch (error) {
      logger.error({ err: error, id }, "download failed");
      return fail(req, problem(500, "INTERNAL_SERVER_ERROR", "Something went wrong on our side; try again later"));
    }
  }

  return { upload, download };
}
