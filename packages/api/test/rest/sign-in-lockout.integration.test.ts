import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RATE_LIMITS_SETTING, type RateLimitConfig } from "../../src/rate-limit/defaults";
import { useTestApp } from "../harness";
import { startRestInstance, type RestInstance } from "./instance";

// Two API servers, each its own Node process with its own pool, on one database: the
// lockout must hold across them when guesses arrive all at once.
const app = useTestApp();
let a: RestInstance;
let b: RestInstance;

const limits = (config: RateLimitConfig) =>
  app.db.siteSetting.update({ where: { key: RATE_LIMITS_SETTING }, data: { value: config } });

beforeAll(async () => {
  [a, b] = await Promise.all([startRestInstance(app.url), startRestInstance(app.url)]);
}, 60_000);

afterAll(async () => {
  await Promise.all([a.stop(), b.stop()]);
});

/** `count` attempts at once, alternating between the two processes; the statuses by count. */
async function burst(
  count: number,
  attempt: (i: number) => { email: string; password: string; ip: string },
) {
  const statuses = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const { ip, ...body } = attempt(i);
      const res = await fetch(`${(i % 2 ? b : a).url}/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-test-client-ip": ip },
        body: JSON.stringify(body),
      });
      await res.arrayBuffer();
      return res.status;
    }),
  );
  const tally: Record<number, number> = {};
  for (const s of statuses) tally[s] = (tally[s] ?? 0) + 1;
  return tally;
}

describe("sign-in lockout under concurrency, across two processes", () => {
  it("checks at most the email's limit of passwords when 20 wrong ones arrive at once", async () => {
    await limits({
      "auth.signInFailure": { email: [{ limit: 1, perSeconds: 300, burst: 5 }], ip: [] },
    });
    const gus = await app.register("Gus");
    // Each from its own IP, so only the email's bucket stands in the way.
    const tally = await burst(20, (i) => ({
      email: gus.email,
      password: `guess-${i}-xxxxxxxx`,
      ip: `198.51.100.${i + 1}`,
    }));
    // A 401 is a password that was checked; a 429 was refused before any check.
    expect(tally).toEqual({ 401: 5, 429: 15 });
    // Locked: even the right password is not checked now.
    expect(
      await burst(1, () => ({
        email: gus.email,
        password: "correct-horse-battery-staple",
        ip: "198.51.100.200",
      })),
    ).toEqual({ 429: 1 });
  });

  it("checks at most the IP's limit of passwords when 20 guesses at different emails arrive at once", async () => {
    await limits({
      "auth.signInFailure": { email: [], ip: [{ limit: 1, perSeconds: 60, burst: 4 }] },
    });
    const tally = await burst(20, (i) => ({
      email: `spray-${i}@example.test`,
      password: "password-123456",
      ip: "203.0.113.7",
    }));
    expect(tally).toEqual({ 401: 4, 429: 16 });
  });

  it("a right password gives its reservation back, so successes never lock anyone out", async () => {
    await limits({
      "auth.signInFailure": {
        email: [{ limit: 1, perSeconds: 300, burst: 2 }],
        ip: [{ limit: 1, perSeconds: 300, burst: 2 }],
      },
    });
    const ada = await app.register("Ada");
    const right = () => ({
      email: ada.email,
      password: "correct-horse-battery-staple",
      ip: "192.0.2.50",
    });
    // One after another (at once, no more than the limit may be checked, right or wrong).
    for (let i = 0; i < 6; i++) expect(await burst(1, right)).toEqual({ 200: 1 });
    // The IP's two failures are all still there.
    expect(
      await burst(3, (i) => ({
        email: `nobody-${i}@example.test`,
        password: "password-123456",
        ip: "192.0.2.50",
      })),
    ).toEqual({ 401: 2, 429: 1 });
  });
});
