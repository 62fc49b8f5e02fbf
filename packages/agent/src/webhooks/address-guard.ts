import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name resolves to; tests inject their own (never real external DNS). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const found = await lookup(hostname, { all: true, order: "verbatim" });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

export class AddressRefusedError extends Error {
  override name = "AddressRefusedError";
}

/**
 * Why an address must not be a webhook target, or null when it is public unicast. IPv4-mapped
 * and IPv4-compatible IPv6 addresses are judged by the IPv4 address inside; anything ipaddr.js
 * does not class as plain unicast (loopback, private, unique-local, link-local and so the cloud
 * metadata addresses, CGNAT, unspecified, multicast, broadcast, reserved, NAT64, 6to4, Teredo)
 * is refused.
 */
export function refusalOf(address: string): string | null {
  if (!ipaddr.isValid(address)) return "not an IP address";
  let ip = ipaddr.parse(address);
  if (ip instanceof ipaddr.IPv6) {
    if (ip.isIPv4MappedAddress()) ip = ip.toIPv4Address();
    else if (ip.parts.slice(0, 6).every((part) => part === 0) && ip.range() !== "loopback") {
      // ::a.b.c.d (IPv4-compatible, deprecated) and :: itself
      const [hi = 0, lo = 0] = ip.parts.slice(6);
      ip = new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
    }
  }
  const range = ip.range();
  return range === "unicast" ? null : `${address} is ${range}`;
}

/** Host names are resolved; IP literals are taken as they are. */
export async function resolveTarget(hostname: string, resolver: Resolver): Promise<ResolvedAddress[]> {
  const literal = hostname.startsWith("[") ? hostname.slice(1, -1) : hostname;
  if (ipaddr.isValid(literal)) {
    return [{ address: literal, family: ipaddr.parse(literal).kind() === "ipv6" ? 6 : 4 }];
  }
  const found = await resolver(hostname);
  if (found.length === 0) throw new AddressRefusedError(`${hostname} does not resolve`);
  return found;
}

/**
 * The address to connect to: the first one the host resolves to, after checking ALL of them
 * (a name that resolves to one public and one private address is refused), unless private
 * targets are allowed by the site setting for local development.
 */
export async function checkedAddress(
  hostname: string,
  options: { resolver: Resolver; allowPrivate: boolean },
): Promise<ResolvedAddress> {
  const addresses = await resolveTarget(hostname, options.resolver);
  if (!options.allowPrivate) {
    for (const { address } of addresses) {
      const refusal = refusalOf(address);
      if (refusal) throw new AddressRefusedError(`refused ${hostname}: ${refusal}`);
    }
  }
  const [first] = addresses;
  if (!first) throw new AddressRefusedError(`${hostname} does not resolve`);
  return first;
}
