import { randomUUID } from "node:crypto";
import { type IncomingMessage, STATUS_CODES } from "node:http";
import { type Duplex } from "node:stream";
import { WebSocket, WebSocketServer } from "ws";
import { bearerFrom } from "../auth/tokens";
import { resolveViewer } from "../auth/viewer";
import { createInnerContext } from "../context";
import { logger } from "../logger";
import { tooManyConnections } from "../rest/events";
import { type LiveStream, openLiveStream, problemOfStreamError } from "../rest/live";
import { DEFAULT_MAX_LIVE_CONNECTIONS, liveConnections, liveSubject } from "../rest/live-connections";
import { problem, problemFromUnknown, type Problem, PROBLEM_CONTENT_TYPE, retryHeaders } from "../rest/problem";
import { type RestRuntime } from "../rest/handler";

export interface LiveSocketOptions {
  runtime: () => Promise<RestRuntime>;
  /** The signed-in account of the web session cookie on the upgrade request, if any. */
  sessionUserId?: (req: IncomingMessage) => Promise<string | null>;
  /** The client's IP as the deployment's proxy reports it. */
  clientIp?: (req: IncomingMessage) => string | null;
  /** A WebSocket ping this often; a client that has not answered the previous one is dropped. */
  keepAliveMs?: number;
  /** Live connections per token or account across instances (default: the runtime's env, else 10). */
  maxConnections?: number;
}

/** Close codes: 1001 the server is going away, 1011 the stream failed, 4xxx its problem's status. */
export const CLOSE_GOING_AWAY = 1001;

export const LIVE_SOCKET_PATH = /^\/ws\/discussions\/(?<id>[^/]+)$/;

export interface LiveSocketServer {
  /** True for the upgrade requests this server answers (/ws/discussions/{id}). */
  handles(req: IncomingMessage): boolean;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every socket with 1001 and frees their connection slots. */
  close(): Promise<void>;
}

/** Refuses an upgrade with a plain HTTP answer (the problem document as its body). */
function refuse(socket: Duplex, p: Problem, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(p);
  const lines = [
    `HTTP/1.1 ${p.status} ${STATUS_CODES[p.status] ?? "Error"}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${lines.join("\r\n")}\r\n\r\n${body}`);
}

/**
 * The WebSocket `/ws/discussions/{id}`: the same live stream as
 * GET /api/v1/discussions/{id}/events (rest/live.ts), one JSON text frame per event:
 * `{"id": "<event id>", "type": "message.created", "data": {...}}`. Resume with
 * `?lastEventId=` (or a Last-Event-ID header); authenticate with `Authorization: Bearer`, `?access_token=` or the session
 * cookie. Problems are answered before the upgrade with their HTTP status.
 */
export function createLiveSocketServer(options: LiveSocketOptions): LiveSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const keepAliveMs = options.keepAliveMs ?? 15_000;
  const sockets = new Set<{ stop(code: number, reason: string): Promise<void> }>();
  let closing = false;

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const match = LIVE_SOCKET_PATH.exec(url.pathname);
    if (!match?.groups?.id) return refuse(socket, problem(404, "NOT_FOUND", "No such WebSocket"));
    if (closing) return refuse(socket, problem(503, "SERVICE_UNAVAILABLE", "The server is shutting down"));
    const unknown = [...url.searchParams.keys()].filter((k) => k !== "lastEventId" && k !== "access_token");
    if (unknown.length)
      return refuse(socket, problem(400, "BAD_REQUEST", `Unknown query parameter: ${unknown.join(", ")}`));
    const stream: LiveStream = { kind: "discussion", discussionId: decodeURIComponent(match.groups.id) };

    const runtime = await options.runtime();
    const headers = new Headers();
    const authorization = req.headers.authorization;
    if (authorization) headers.set("authorization", authorization);
    const bearer = bearerFrom(headers) ?? url.searchParams.get("access_token");
    if (authorization && !bearerFrom(headers))
      return refuse(socket, problem(401, "UNAUTHORIZED", "The Authorization header must be `Bearer <token>`"));
    const viewer = await resolveViewer(runtime.db, {
      bearerToken: bearer,
      sessionUserId: bearer ? null : ((await options.sessionUserId?.(req)) ?? null),
    });
    if (bearer && !viewer)
      return refuse(socket, problem(401, "UNAUTHORIZED", "This bearer token is unknown, expired or revoked"), {
        "WWW-Authenticate": 'Bearer error="invalid_token"',
      });
    const headerId = req.headers["x-request-id"];
    const ctx = createInnerContext({
      db: runtime.db,
      events: runtime.events,
      viewer,
      requestId: typeof headerId === "string" ? headerId : randomUUID(),
      ip: options.clientIp?.(req) ?? null,
    });

    const abort = new AbortController();
    const lastEventIdHeader = req.headers["last-event-id"];
    const lastEventId = url.searchParams.get("lastEventId") ?? (typeof lastEventIdHeader === "string" ? lastEventIdHeader : null);
    const opened = await openLiveStream(ctx, stream, lastEventId, abort.signal);
    if (!opened.ok) return refuse(socket, opened.problem);

    const max = options.maxConnections ?? runtime.env.PARLEY_LIVE_MAX_CONNECTIONS ?? DEFAULT_MAX_LIVE_CONNECTIONS;
    const subject = liveSubject(viewer);
    const slot = subject ? await liveConnections(runtime.db).acquire(subject, max) : null;
    if (slot && !slot.ok) {
      abort.abort();
      return refuse(socket, tooManyConnections(max, slot.retryAfterSeconds), {
        "Retry-After": String(slot.retryAfterSeconds),
      });
    }

    const handshake = { done: false };
    wss.handleUpgrade(req, socket, head, (ws) => {
      handshake.done = true;
      let alive = true;
      let stopped = false;
      const ping = setInterval(() => {
        if (!alive) return ws.terminate();
        alive = false;
        ws.ping();
      }, keepAliveMs);
      const entry = {
        async stop(code: number, reason: string) {
          if (stopped) return;
          stopped = true;
          clearInterval(ping);
          abort.abort();
          sockets.delete(entry);
          if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close(code, reason);
          if (slot?.ok) await slot.release();
        },
      };
      sockets.add(entry);
      ws.on("pong", () => (alive = true));
      // Clients only listen; whatever they send is ignored.
      ws.on("close", () => void entry.stop(1000, ""));
      ws.on("error", () => void entry.stop(1011, "socket error"));

      void (async () => {
        try {
          for await (const frame of opened.frames) {
            if (abort.signal.aborted) break;
            ws.send(JSON.stringify(frame));
          }
          await entry.stop(CLOSE_GOING_AWAY, "stream ended; reconnect with lastEventId");
        } catch (error) {
          if (abort.signal.aborted) return;
          const failure = problemOfStreamError(error);
          if (failure.unexpected) ctx.log.error({ err: error }, "live socket failed");
          ws.send(JSON.stringify({ type: "error", error: failure.problem }));
          await entry.stop(1011, failure.problem.detail.slice(0, 120));
        }
      })();
    });
    // Without compression or verifyClient, ws upgrades synchronously: no callback means it refused
    // the handshake or the client had already gone while we checked.
    if (!handshake.done) {
      abort.abort();
      if (slot?.ok) await slot.release();
    }
  }

  return {
    handles: (req) => LIVE_SOCKET_PATH.test(new URL(req.url ?? "/", "http://localhost").pathname),
    handleUpgrade(req, socket, head) {
      socket.on("error", () => undefined);
      upgrade(req, socket, head).catch((error: unknown) => {
        const refused = problemFromUnknown(error);
        if (refused.bug) logger.error({ err: error, path: req.url }, "WebSocket upgrade failed");
        else logger.warn({ err: error, path: req.url }, "WebSocket upgrade refused: a dependency is unavailable");
        if (socket.writable) refuse(socket, refused.problem, retryHeaders(refused.problem));
        else socket.destroy();
      });
    },
    async close() {
      closing = true;
      await Promise.all([...sockets].map((entry) => entry.stop(CLOSE_GOING_AWAY, "server shutting down")));
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
