import { once } from "node:events";
import http from "node:http";
import { type AddressInfo } from "node:net";

export interface ReceivedRequest {
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The local address the connection arrived on (which address the sender dialled). */
  localAddress: string | undefined;
}

/** What the receiver does with the n-th request (0-based): answer with a status, or hang. */
export type Script = (index: number) => number | "hang";

/**
 * A webhook receiver on loopback only. Requests are recorded; `next()` resolves with the next
 * one, so tests wait on what happened rather than on time.
 */
export async function startReceiver(script: Script = () => 200, host = "127.0.0.1") {
  const received: ReceivedRequest[] = [];
  const waiters: ((request: ReceivedRequest) => void)[] = [];
  let connections = 0;
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const request = {
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        localAddress: req.socket.localAddress,
      };
      const action = script(received.length);
      received.push(request);
      if (action === "hang") hanging.add(res);
      else res.writeHead(action, { "content-type": "text/plain" }).end(`answer ${action}`);
      const waiter = waiters.shift();
      waiter?.(request);
    });
  });
  server.on("connection", () => connections++);
  server.listen(0, host);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  let seen = 0;
  return {
    port,
    received,
    get connections() {
      return connections;
    },
    /** The next request not yet handed out by next(). */
    next(): Promise<ReceivedRequest> {
      const index = seen++;
      const already = received[index];
      if (already) return Promise.resolve(already);
      return new Promise((resolve) => waiters.push(resolve));
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
