/**
 * Serves /api/trpc and /api/v1 straight from this Node server, without Next's router: the
 * same fetch handlers (src/server/api/handlers.ts), at a fraction of the CPU per request
 * (measured with `pnpm bench`, docs/performance.md). Everything else, pages, auth routes and
 * attachment transfers included, stays with Next.
 */
import { type IncomingMessage, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type ReadableStream as NodeReadableStream } from "node:stream/web";
import { incomingMessageToRequest } from "@trpc/server/adapters/node-http";
import { logger } from "@parley/api/server";
import { createApiHandlers } from "../src/server/api/handlers";
import { clientIpOf } from "./client-ip";
import { sessionUserIdOfCookies } from "./session";

// REST bodies are JSON of at most 1 MiB (the REST adapter enforces it again); uploads are Next's.
const MAX_BODY_BYTES = 1024 * 1024 + 1;

type Route = "trpc" | "rest";

function routeOf(url: string | undefined): Route | null {
  const path = (url ?? "").split("?")[0] ?? "";
  if (path === "/api/trpc" || path.startsWith("/api/trpc/")) return "trpc";
  // POST /api/v1/attachments streams a file of up to the upload limit: Next's route does that.
  if (path.startsWith("/api/v1/") && path !== "/api/v1/attachments") return "rest";
  return null;
}

/** Writes a fetch Response to Node's response, streaming its body (live event streams). */
async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  // Ends when the body does, or when the client goes (which cancels the body's stream).
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res).catch(() => undefined);
}

export function createApiServer() {
  const clientIps = new WeakMap<Request, string | null>();
  const handlers = createApiHandlers({
    sessionUserId: (req) => sessionUserIdOfCookies(req.headers.get("cookie") ?? undefined),
    clientIp: (req) => clientIps.get(req) ?? null,
  });
  return {
    /** True when the request is the API's (and is being answered). */
    handles(req: IncomingMessage): boolean {
      return routeOf(req.url) !== null;
    },
    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const route = routeOf(req.url);
      if (!route) throw new Error(`not an API path: ${req.url}`);
      try {
        const request = incomingMessageToRequest(req, res, { maxBodySize: MAX_BODY_BYTES });
        clientIps.set(request, clientIpOf(req));
        await send(res, await handlers[route](request));
      } catch (error) {
        logger.error({ err: error, url: req.url }, "API request failed outside its handler");
        if (!res.headersSent) {
          res.writeHead(500, { "content-type": "application/problem+json" });
          res.end(JSON.stringify({ type: "about:blank", title: "Internal Server Error", status: 500 }));
        } else res.destroy();
      }
    },
  };
}
