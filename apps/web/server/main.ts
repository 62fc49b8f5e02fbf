/**
 * The web server: Next.js (pages, /api/trpc, /api/v1) and the live WebSocket /ws/discussions/{id}
 * on one port. Next's route handlers cannot upgrade connections, so this custom Node server takes
 * the `upgrade` events for /ws/* (@parley/api/ws); Next keeps its own for the dev server's hot reload.
 * Development: `tsx server/main.ts --dev`. Production: `pnpm build` compiles this file to
 * dist/main.js and `node dist/main.js [--port 3000] [--hostname 0.0.0.0]` runs it, so SIGTERM
 * reaches this process and its graceful shutdown below. The port defaults to PORT, else 3000.
 */
import { once } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import { parseArgs } from "node:util";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { logger } from "@parley/api/server";
import { createLiveSocketServer } from "@parley/api/ws";
import { ConfigError } from "@parley/db";
import { checkWebEnv, webEnv } from "../src/env";
import { sessionUserIdOf } from "./session";
import { runtime, runtimeIfStarted } from "../src/server/runtime";
import { clientIpOf } from "./client-ip";
import { createApiServer } from "./api";

const { values: args } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string" },
    hostname: { type: "string" },
  },
});
// Every setting, before anything starts: a bad one is one line naming it, not a stack trace.
try {
  checkWebEnv();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`[web] ${error.message}`);
  process.exit(1);
}
const port = args.port ? Number(args.port) : webEnv().PORT;
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const server = createServer();
// Next adds its own `upgrade` listener to `httpServer` at the first request (the dev server's
// hot reload, /_next/hmr) and leaves paths it has no route for, like /ws/*, alone.
const app = next({ dev: args.dev, dir, port, httpServer: server, ...(args.hostname ? { hostname: args.hostname } : {}) });
const handleRequest = app.getRequestHandler();
await app.prepare();

const live = createLiveSocketServer({ runtime, sessionUserId: sessionUserIdOf, clientIp: clientIpOf });
const api = createApiServer();
// Responses still being written, so shutdown can let each finish before closing connections.
const inFlight = new Set<ServerResponse>();
server.on("request", (req, res) => {
  inFlight.add(res);
  res.once("close", () => inFlight.delete(res));
  void (api.handles(req) ? api.handle(req, res) : handleRequest(req, res));
});
server.on("upgrade", (req, socket, head: Buffer) => {
  if (live.handles(req)) live.handleUpgrade(req, socket, head);
});
server.listen(port, args.hostname, () => {
  logger.info({ port, dev: args.dev }, "web server listening (Next.js and /ws)");
  console.log(`> Ready on http://${args.hostname ?? "localhost"}:${port}`);
});

let stopping = false;
/**
 * New connections are refused, WebSockets get 1001 and free their slots, live streams end;
 * then every response still being written (the streams' last bytes) is let finish before the
 * remaining connections are closed, so no client sees a reset. Then Next and the runtime close.
 */
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
  await live.close();
  const started = await runtimeIfStarted()?.catch(() => null);
  await started?.events.close();
  // Closing a connection the moment its stream ends can cut the stream's last chunk off.
  await Promise.all([...inFlight].map((res) => once(res, "close")));
  server.closeIdleConnections();
  await serverClosed;
  await app.close();
  await started?.close();
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
