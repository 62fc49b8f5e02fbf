import { describe, expect, it } from "vitest";
import {
  AddressRefusedError,
  checkedAddress,
  refusalOf,
  type Resolver,
} from "../../src/webhooks/address-guard";

const resolverOf =
  (table: Record<string, string[]>): Resolver =>
  (hostname) =>
    Promise.resolve(
      (table[hostname] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
    );

const REFUSED = [
  "127.0.0.1",
  "127.8.9.10",
  "10.1.2.3",
  "172.16.0.1",
  "172.31.255.254",
  "192.168.1.1",
  "169.254.0.5",
  "169.254.169.254", // cloud metadata
  "100.64.0.1", // CGNAT
  "0.0.0.0",
  "224.0.0.1",
  "255.255.255.255",
  "::1",
  "::",
  "fe80::1",
  "fc00::1",
  "fd00:ec2::254", // AWS metadata over IPv6
  "ff02::1",
  "::ffff:127.0.0.1", // IPv4-mapped
  "::ffff:169.254.169.254",
  "::ffff:10.0.0.1",
  "::127.0.0.1", // IPv4-compatible
  "::10.0.0.1",
];

describe("the webhook address guard", () => {
  it.each(REFUSED)("refuses %s", (address) => {
    expect(refusalOf(address)).not.toBeNull();
  });

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])(
    "lets public unicast %s through",
    (address) => {
      expect(refusalOf(address)).toBeNull();
    },
  );

  it("refuses IP literals in URLs without resolving anything", async () => {
    const resolver: Resolver = () => Promise.reject(new Error("must not resolve literals"));
    for (const host of ["127.0.0.1", "[::1]", "169.254.169.254", "[fd00:ec2::254]", "[::ffff:10.0.0.1]"]) {
      await expect(checkedAddress(host, { resolver, allowPrivate: false })).rejects.toThrow(
        AddressRefusedError,
      );
    }
  });

  it("refuses names that resolve to loopback, private, link-local or metadata addresses", async () => {
    const table = {
      "localhost.example": ["127.0.0.1"],
      "intranet.example": ["10.0.0.7"],
      "metadata.example": ["169.254.169.254"],
      "v6metadata.example": ["fd00:ec2::254"],
      "linklocal.example": ["fe80::1"],
      // one public and one private answer: every answer is checked, not only the first
      "mixed.example": ["93.184.216.34", "192.168.0.10"],
    };
    const resolver = resolverOf(table);
    for (const host of Object.keys(table)) {
      await expect(checkedAddress(host, { resolver, allowPrivate: false }), host).rejects.toThrow(
        AddressRefusedError,
      );
    }
  });

  it("takes a public name, and private ones only when the local-development setting allows", async () => {
    const resolver = resolverOf({ "public.example": ["93.184.216.34"], "dev.example": ["127.0.0.1"] });
    await expect(
      checkedAddress("public.example", { resolver, allowPrivate: false }),
    ).resolves.toEqual({ address: "93.184.216.34", family: 4 });
    await expect(checkedAddress("dev.example", { resolver, allowPrivate: true })).resolves.toEqual({
      address: "127.0.0.1",
      family: 4,
    });
  });

  it("refuses a name that does not resolve", async () => {
    await expect(
      checkedAddress("nothing.example", { resolver: resolverOf({}), allowPrivate: true }),
    ).rejects.toThrow(/does not resolve/);
  });
});
