import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type AddressInfo } from "node:net";
import { incomingMessageToRequest } from "@trpc/server/adapters/node-http";
import { createRestHandler, type RestHandlerOptions } from "../../src/rest";
import { createLiveSocketServer, type LiveSocketOptions } from "../../src/ws";
import { sessionFromTestCookie } from "../rest/server";

export interface LiveServer {
  /** http://127.0.0.1:<port>: REST under /api/v1, WebSockets under /ws. */
  origin: string;
  /** Closes the WebSockets (1001), then the HTTP server. */
  close(): Promise<void>;
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  res.writeHead(response.status, headers);
  res.flushHeaders();
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  try {
    for (let chunk = await reader.read(); !chunk.done && !res.destroyed; chunk = await reader.read()) res.write(chunk.value);
  } finally {
    res.end();
  }
}

/** The REST handler and the live WebSocket behind one node:http server, as apps/web/server serves them. */
export async function startLiveServer(
  options: Pick<RestHandlerOptions, "runtime" | "sse"> & Pick<LiveSocketOptions, "keepAliveMs" | "maxConnections">,
): Promise<LiveServer> {
  const rest = createRestHandler({ runtime: options.runtime, sessionUserId: sessionFromTestCookie, ...(options.sse ? { sse: options.sse } : {}) });
  const live = createLiveSocketServer({
    runtime: options.runtime,
    sessionUserId: (req: IncomingMessage) => sessionFromTestCookie(new Request("http://x/", { headers: { cookie: req.headers.cookie ?? "" } })),
    ...(options.keepAliveMs ? { keepAliveMs: options.keepAliveMs } : {}),
    ...(options.maxConnections ? { maxConnections: options.maxConnections } : {}),
  });
  const server = createServer((req, res) => {
    const request = incomingMessageToRequest(req, res, { maxBodySize: null });
    void rest(request).then(
      (response) => writeResponse(response, res),
      () => res.writeHead(500).end(),
    );
  });
  server.on("upgrade", (req: IncomingMessage, socket, head: Buffer) => {
    if (live.handles(req)) live.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    async close() {
      await live.close();
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
