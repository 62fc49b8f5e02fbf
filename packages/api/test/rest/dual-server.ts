import { once } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import { type AddressInfo } from "node:net";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { incomingMessageToRequest } from "@trpc/server/adapters/node-http";
import { createTRPCContext } from "../../src/context";
import { createRestHandler, type RestRuntime } from "../../src/rest";
import { appRouter } from "../../src/root";
import { retryAfterResponseMeta } from "../../src/trpc";

async function writeResponse(response: Response, res: ServerResponse) {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (response.body) for await (const chunk of response.body) res.write(chunk);
  res.end();
}

/** /api/trpc and /api/v1 as fetch handlers behind one node:http server, as the Next routes serve them (bench/rest-vs-trpc.ts). */
export async function startDualServer(
  runtime: RestRuntime,
  /** Extra routes by exact path, e.g. /api/ready in the outage test's web process. */
  extra: Record<string, () => Promise<Response>> = {},
): Promise<{ base: string; close(): Promise<void> }> {
  const rest = createRestHandler({ runtime: () => Promise.resolve(runtime) });
  const server = createServer((req, res) => {
    const request = incomingMessageToRequest(req, res, { maxBodySize: null });
    const route = extra[new URL(request.url).pathname];
    const response = route
      ? route()
      : req.url?.startsWith("/api/v1/")
        ? rest(request)
        : fetchRequestHandler({
            endpoint: "/api/trpc",
            req: request,
            router: appRouter,
            responseMeta: retryAfterResponseMeta,
            createContext: () =>
              createTRPCContext({ runtime, headers: request.headers, sessionUserId: null }),
          });
    void response.then((r) => writeResponse(r, res));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
