import { type IncomingMessage } from "node:http";
import { clientIp } from "../src/server/client-ip";

/** The client's address on an upgrade request, by the same rule as route handlers (X-Forwarded-For hops). */
export function clientIpOf(req: IncomingMessage): string | null {
  const headers = new Headers();
  const forwarded = req.headers["x-forwarded-for"];
  headers.set("x-forwarded-for", typeof forwarded === "string" ? forwarded : (req.socket.remoteAddress ?? ""));
  return clientIp(headers);
}
