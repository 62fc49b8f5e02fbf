import { type Context } from "../context";
import { liveConnections, liveSubject } from "./live-connections";
import { type LiveStream, openLiveStream, problemOfStreamError } from "./live";
import { problem, type Problem } from "./problem";

export interface SseOptions {
  /** A comment line this often keeps proxies from closing an idle stream. */
  keepAliveMs: number;
  /** Streams end after this long; EventSource reconnects with Last-Event-ID and misses nothing. */
  maxDurationMs: number;
  /**
   * Live connections (SSE and WebSocket) per token or account across every instance; unset:
   * the runtime's PARLEY_LIVE_MAX_CONNECTIONS. Anonymous callers are not counted.
   */
  maxStreamsPerViewer?: number;
}

export const DEFAULT_SSE_OPTIONS: SseOptions = {
  keepAliveMs: 15_000,
  maxDurationMs: 5 * 60_000,
};

/** The event-stream paths under /api/v1 and the live stream each one follows. */
export function matchEventStream(path: string): LiveStream | null {
  if (path === "/discussions/events") return { kind: "discussions" };
  const thread = /^\/discussions\/(?<id>[^/]+)\/events$/.exec(path);
  if (thread?.groups?.id) return { kind: "discussion", discussionId: decodeURIComponent(thread.groups.id) };
  const job = /^\/agent-jobs\/(?<id>[^/]+)\/events$/.exec(path);
  if (job?.groups?.id) return { kind: "agentJob", jobId: decodeURIComponent(job.groups.id) };
  return null;
}

export type SseResult =
  | { ok: true; response: Response }
  | { ok: false; problem: Problem; headers?: Record<string, string> };

/** 429 for one connection too many, with the wait before trying again. */
export function tooManyConnections(max: number, retryAfterSeconds: number): Problem {
  return problem(
    429,
    "TOO_MANY_REQUESTS",
    `At most ${max} live connections (event streams and WebSockets) per token or account at once`,
    { retryAfterSeconds },
  );
}

const encoder = new TextEncoder();

/**
 * A live stream (./live.ts) written as a standard text/event-stream: `id:` the event id,
 * `event:` its type, `data:` the JSON event.
 */
export async function liveEventStream(
  ctx: Context,
  stream: LiveStream,
  req: Request,
  url: URL,
  options: SseOptions & { maxStreamsPerViewer: number },
): Promise<SseResult> {
  const unknown = [...url.searchParams.keys()].filter((k) => k !== "lastEventId");
  if (unknown.length)
    return {
      ok: false,
      problem: problem(400, "BAD_REQUEST", `Unknown query parameter: ${unknown.join(", ")}`),
    };
  const lastEventId = req.headers.get("last-event-id") ?? url.searchParams.get("lastEventId");

  const abort = new AbortController();
  const opened = await openLiveStream(ctx, stream, lastEventId, abort.signal);
  if (!opened.ok) return opened;

  const subject = liveSubject(ctx.viewer);
  const slot = subject ? await liveConnections(ctx.db).acquire(subject, options.maxStreamsPerViewer) : null;
  if (slot && !slot.ok) {
    abort.abort();
    const p = tooManyConnections(options.maxStreamsPerViewer, slot.retryAfterSeconds);
    return { ok: false, problem: p, headers: { "retry-after": String(slot.retryAfterSeconds) } };
  }

  const onClientGone = () => abort.abort();
  req.signal.addEventListener("abort", onClientGone, { once: true });
  let keepAlive: NodeJS.Timeout | undefined;
  let maxDuration: NodeJS.Timeout | undefined;
  const cleanup = () => {
    clearInterval(keepAlive);
    clearTimeout(maxDuration);
    req.signal.removeEventListener("abort", onClientGone);
    abort.abort();
    if (slot?.ok) void slot.release();
  };

  let closed = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
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
          for await (const frame of opened.frames) {
            write(`id: ${frame.id}\nevent: ${frame.type}\ndata: ${JSON.stringify(frame.data)}\n\n`);
          }
        } catch (error) {
          if (!abort.signal.aborted) {
            const failure = problemOfStreamError(error);
            write(`event: error\ndata: ${JSON.stringify(failure.problem)}\n\n`);
            if (failure.unexpected) ctx.log.error({ err: error }, "event stream failed");
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
    response: new Response(body, {
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
