import { callTRPCProcedure, isTrackedEnvelope, TRPCError } from "@trpc/server";
import { type Context } from "../context";
import { DomainError, toTRPCError } from "../errors";
import { decodeCursor } from "../events/cursor";
import { appRouter } from "../root";
import { threadEventsInput } from "../routers/live/schemas";
import { getDiscussion } from "../services/discussions";
import { canReadDiscussion } from "../policies/access";
import { problem, problemFromTRPCError, problemIssues, type Problem } from "./problem";

export interface SseOptions {
  /** A comment line this often keeps proxies from closing an idle stream. */
  keepAliveMs: number;
  /** Streams end after this long; EventSource reconnects with Last-Event-ID and misses nothing. */
  maxDurationMs: number;
  /** Concurrent streams per account in this process (anonymous callers are not counted). */
  maxStreamsPerViewer: number;
}

export const DEFAULT_SSE_OPTIONS: SseOptions = {
  keepAliveMs: 15_000,
  maxDurationMs: 5 * 60_000,
  maxStreamsPerViewer: 10,
};

const openStreams = new Map<string, number>();

type Prepared =
  | { ok: true; input: { discussionId: string; lastEventId: string | null } }
  | { ok: false; problem: Problem };

/** Checks what the subscription would refuse, while an HTTP status can still say so. */
async function prepare(
  ctx: Context,
  discussionId: string,
  url: URL,
  headers: Headers,
): Promise<Prepared> {
  const unknown = [...url.searchParams.keys()].filter((k) => k !== "lastEventId");
  if (unknown.length)
    return {
      ok: false,
      problem: problem(400, "BAD_REQUEST", `Unknown query parameter: ${unknown.join(", ")}`),
    };
  const lastEventId = headers.get("last-event-id") ?? url.searchParams.get("lastEventId");
  const parsed = threadEventsInput.safeParse({ discussionId, lastEventId });
  if (!parsed.success) {
    const issues = problemIssues(parsed.error);
    return {
      ok: false,
      problem: problem(
        400,
        "BAD_REQUEST",
        issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
        { issues },
      ),
    };
  }
  if (parsed.data.lastEventId && !decodeCursor(parsed.data.lastEventId)) {
    return {
      ok: false,
      problem: problem(
        400,
        "BAD_REQUEST",
        "Invalid Last-Event-ID: use the id of an event from this stream",
      ),
    };
  }
  try {
    const discussion = await getDiscussion(ctx.db, parsed.data.discussionId);
    if (!canReadDiscussion(ctx.viewer, discussion))
      return { ok: false, problem: problem(403, "FORBIDDEN", "You cannot read this discussion") };
  } catch (error) {
    if (error instanceof DomainError)
      return { ok: false, problem: problemFromTRPCError(toTRPCError(error)) };
    throw error;
  }
  return {
    ok: true,
    input: { discussionId: parsed.data.discussionId, lastEventId: parsed.data.lastEventId ?? null },
  };
}

const encoder = new TextEncoder();
const frame = (text: string) => encoder.encode(text);

/**
 * GET /discussions/{id}/events: the tRPC `live.discussion` subscription itself (same outbox,
 * same bus, same filter and permission check), written as a plain text/event-stream.
 */
export async function discussionEventStream(
  ctx: Context,
  discussionId: string,
  req: Request,
  url: URL,
  options: SseOptions,
): Promise<
  | { ok: true; response: Response }
  | { ok: false; problem: Problem; headers?: Record<string, string> }
> {
  const prepared = await prepare(ctx, discussionId, url, req.headers);
  if (!prepared.ok) return prepared;

  const viewerKey = ctx.viewer?.id;
  if (viewerKey && (openStreams.get(viewerKey) ?? 0) >= options.maxStreamsPerViewer) {
    return {
      ok: false,
      problem: problem(
        429,
        "TOO_MANY_REQUESTS",
        `At most ${options.maxStreamsPerViewer} event streams per account at once`,
      ),
      headers: { "retry-after": "5" },
    };
  }

  const abort = new AbortController();
  const onClientGone = () => abort.abort();
  req.signal.addEventListener("abort", onClientGone, { once: true });
  const iterable: unknown = await callTRPCProcedure({
    router: appRouter,
    path: "live.discussion",
    type: "subscription",
    ctx,
    getRawInput: () => Promise.resolve(prepared.input),
    signal: abort.signal,
    batchIndex: 0,
  });
  if (!isAsyncIterable(iterable))
    throw new Error("live.discussion did not return an async iterable");
  if (viewerKey) openStreams.set(viewerKey, (openStreams.get(viewerKey) ?? 0) + 1);

  let keepAlive: NodeJS.Timeout | undefined;
  let maxDuration: NodeJS.Timeout | undefined;
  const cleanup = () => {
    clearInterval(keepAlive);
    clearTimeout(maxDuration);
    req.signal.removeEventListener("abort", onClientGone);
    abort.abort();
    if (viewerKey) {
      const left = (openStreams.get(viewerKey) ?? 1) - 1;
      if (left > 0) openStreams.set(viewerKey, left);
      else openStreams.delete(viewerKey);
    }
  };

  let closed = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (!closed) controller.enqueue(frame(text));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        controller.close();
      };
      write(": connected\nretry: 2000\n\n");
      keepAlive = setInterval(() => write(": keep-alive\n\n"), options.keepAliveMs);
      maxDuration = setTimeout(close, options.maxDurationMs);
      void (async () => {
        try {
          for await (const item of iterable) {
            if (!isTrackedEnvelope(item)) continue;
            const [id, data] = item;
            const type =
              typeof data === "object" && data !== null && "type" in data
                ? String(data.type)
                : "message";
            write(`id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
          }
        } catch (error) {
          if (!abort.signal.aborted) {
            const trpcError =
              error instanceof DomainError
                ? toTRPCError(error)
                : error instanceof TRPCError
                  ? error
                  : null;
            const body = trpcError
              ? problemFromTRPCError(trpcError)
              : problem(500, "INTERNAL_SERVER_ERROR", "The stream failed; reconnect");
            write(`event: error\ndata: ${JSON.stringify(body)}\n\n`);
            if (!trpcError) ctx.log.error({ err: error }, "event stream failed");
          }
        } finally {
          close();
        }
      })();
    },
    cancel() {
      closed = true;
      cleanup();
    },
  });

  return {
    ok: true,
    response: new Response(stream, {
      status: 200,
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        // no-transform keeps compressing proxies (and Next) from buffering the stream.
        "cache-control": "no-cache, no-transform",
        "x-accel-buffering": "no",
        "x-request-id": ctx.requestId,
      },
    }),
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}
