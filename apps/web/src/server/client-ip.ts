import { isIP } from "node:net";
import { webEnv } from "~/env";

/**
 * The client's address for rate limits: the X-Forwarded-For entry added by the outermost
 * trusted proxy (PARLEY_TRUSTED_PROXY_HOPS from the right). Entries further left are whatever
 * the client sent and are never trusted. Null when there is no usable address.
 */
export function clientIp(headers: Headers): string | null {
  const hops = headers
    .get("x-forwarded-for")
    ?.split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (!hops?.length) return null;
  const candidate = hops[Math.max(0, hops.length - webEnv().PARLEY_TRUSTED_PROXY_HOPS)] ?? "";
  const address = candidate.replace(/^::ffff:/, "");
  return isIP(address) ? address : null;
}
