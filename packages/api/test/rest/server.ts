import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type AddressInfo } from "node:net";
import { incomingMessageToRequest } from "@trpc/server/adapters/node-http";
import { createRestHandler, type RestHandlerOptions } from "../../src/rest";

/** A fake session for tests: `cookie: test-session=<user id>` stands for next-auth's cookie. */
export async function sessionFromTestCookie(req: Request): Promise<string | null> {
  const match = /(?:^|;\s*)test-session=([^;]+)/.exec(req.headers.get("cookie") ?? "");
  return Promise.resolve(match?.[1] ?? null);
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.flushHeaders();
  if (!response.body) return void res.end();
  try {
    for await (const chunk of response.body) {
      if (res.destroyed) break;
      res.write(chunk);
    }
  } finally {
    res.end();
  }
}

export interface RestServer {
  url: string;
  close(): Promise<void>;
}

/** The REST handler behind node:http on a free loopback port, as the Next route serves it. */
export async function startRestServer(options: RestHandlerOptions): Promise<RestServer> {
  const handle = createRestHandler(options);
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // No body limit here: the REST handler enforces its own (413 as problem+json).
    const request = incomingMessageToRequest(req, res, { maxBodySize: null });
    void handle(request).then(
      (response) => writeResponse(response, res),
      () => res.writeHead(500).end(),
    );
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1`,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
