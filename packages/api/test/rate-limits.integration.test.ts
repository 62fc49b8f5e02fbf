import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import { createDatabase } from "@parley/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveViewer } from "../src/auth/viewer";
import { createInnerContext } from "../src/context";
import { retryAfterSecondsOf } from "../src/errors";
import { createCaller, type AppRouter } from "../src/index";
import { PostgresRateLimiter } from "../src/rate-limit/postgres-limiter";
import { startStandaloneServer, type StandaloneServer } from "../src/testing";
import { expectTRPCError, useTestApp } from "./harness";

const app = useTestApp();
const PASSWORD = "correct-horse-battery-staple";
/** The controllable clock every caller below uses. */
let clock = Date.now();

beforeAll(async () => {
  // The harness raises every limit; these tests run on the shipped defaults.
  await app.db.siteSetting.deleteMany();
});

async function callerFor(userId: string | null, ip: string | null = null) {
  const viewer = await resolveViewer(app.db, { bearerToken: null, sessionUserId: userId });
  return createCaller(createInnerContext({ db: app.db, events: app.bus, viewer, ip, now: () => clock }));
}

async function expectRateLimited(call: Promise<unknown>, seconds: number) {
  const error = await expectTRPCError(call, "TOO_MANY_REQUESTS");
  expect(retryAfterSecondsOf(error)).toBe(seconds);
  expect(error.message).toMatch(/try again in \d+ (second|minute|hour)/);
}

describe("search", () => {
  it("allows 30 searches at once per IP, anonymous too, then one a second", async () => {
    const anonymous = await callerFor(null, "203.0.113.40");
    for (let i = 0; i < 30; i++) await anonymous.search.query({ q: `word ${i}` });
    await expectRateLimited(anonymous.search.query({ q: "one too many" }), 1);
    clock += 1_000;
    await anonymous.search.query({ q: "after the wait" });
  });
});

describe("per-account limits", () => {
  let discussionId: string;
  beforeAll(async () => {
    const admin = await app.register("Ada");
    const d = await (await callerFor(admin.id)).discussion.create({ title: "Limits", body: "Where we post a lot" });
    discussionId = d.id;
  });

  it("lets a new account post 3 messages at once, then one every 30 s", async () => {
    const ben = await app.register("Ben");
    const as = await callerFor(ben.id);
    for (let i = 0; i < 3; i++) await as.message.create({ discussionId, body: `hello ${i}` });
    await expectRateLimited(as.message.create({ discussionId, body: "one too many" }), 30);
    clock += 29_000;
    await expectRateLimited(as.message.create({ discussionId, body: "still too early" }), 1);
    clock += 1_000;
    await as.message.create({ discussionId, body: "after the wait" });
    await expectRateLimited(as.message.create({ discussionId, body: "and again" }), 30);
  });

  it("is more generous to accounts older than a day", async () => {
    const cleo = await app.register("Cleo");
    // Older than a day and confirmed (an unconfirmed address keeps the new-account limits).
    await app.db.user.update({ where: { id: cleo.id }, data: { createdAt: new Date(clock - 2 * 86_400_000), emailVerifiedAt: new Date(clock) } });
    const as = await callerFor(cleo.id);
    for (let i = 0; i < 5; i++) await as.message.create({ discussionId, body: `hello ${i}` });
    await expectRateLimited(as.message.create({ discussionId, body: "one too many" }), 5);
  });

  it("keeps an unconfirmed address at the new-account limits, however old the account", async () => {
    const old = await app.register("Oldbutunconfirmed");
    await app.db.user.update({ where: { id: old.id }, data: { createdAt: new Date(clock - 30 * 86_400_000) } });
    const as = await callerFor(old.id);
    await as.discussion.create({ title: "First", body: "One" });
    await expectRateLimited(as.discussion.create({ title: "Second", body: "Two" }), 120);
  });

  it("caps a new account's discussions at one per 2 minutes", async () => {
    const dan = await app.register("Dan");
    const as = await callerFor(dan.id);
    await as.discussion.create({ title: "First", body: "One" });
    await expectRateLimited(as.discussion.create({ title: "Second", body: "Two" }), 120);
  });
});

describe("per-IP limits and admin overrides", () => {
  it("counts every account behind one IP together, with the admins' override", async () => {
    const admin = await app.db.user.findFirstOrThrow({ where: { role: "admin" } });
    const adminCaller = await callerFor(admin.id);
    await adminCaller.admin.updateRateLimits({
      overrides: { "message.create": { ip: [{ limit: 1, perSeconds: 60, burst: 2 }] } },
    });
    const { id: discussionId } = await app.db.discussion.findFirstOrThrow({ select: { id: true } });
    const eve = await callerFor((await app.register("Eve")).id, "203.0.113.7");
    const fay = await callerFor((await app.register("Fay")).id, "203.0.113.7");
    const fayElsewhere = await callerFor((await app.db.user.findFirstOrThrow({ where: { handle: "fay" } })).id, "198.51.100.1");
    await eve.message.create({ discussionId, body: "from the cafe" });
    await fay.message.create({ discussionId, body: "also from the cafe" });
    await expectRateLimited(fay.message.create({ discussionId, body: "cafe is full" }), 60);
    await fayElsewhere.message.create({ discussionId, body: "from home" });
    await adminCaller.admin.updateRateLimits({ overrides: {} });
  });
});

describe("sign-in protection", () => {
  it("locks an email after 5 failures, whatever the password, with a growing wait", async () => {
    const gus = await app.register("Gus");
    const anon = await callerFor(null);
    for (let i = 0; i < 5; i++) {
      const e = await expectTRPCError(anon.auth.signIn({ email: gus.email, password: `guess-${i}-xxxxxxxx` }), "UNAUTHORIZED");
      expect(e.message).toBe("Wrong email or password");
    }
    await expectRateLimited(anon.auth.signIn({ email: gus.email, password: PASSWORD }), 300);
    clock += 300_000;
    await expectTRPCError(anon.auth.signIn({ email: gus.email, password: "guess-6-xxxxxxxx" }), "UNAUTHORIZED");
    await expectRateLimited(anon.auth.signIn({ email: gus.email, password: PASSWORD }), 300);
    clock += 300_000;
    const ok = await anon.auth.signIn({ email: gus.email, password: PASSWORD });
    expect(ok.user.id).toBe(gus.id);
    // A success clears the email's failures.
    for (let i = 0; i < 5; i++) await expectTRPCError(anon.auth.signIn({ email: gus.email, password: `again-${i}-xxxxxxx` }), "UNAUTHORIZED");
  });

  it("answers an unknown email exactly like a known one", async () => {
    const anon = await callerFor(null);
    for (let i = 0; i < 5; i++) {
      const e = await expectTRPCError(anon.auth.signIn({ email: "nobody@example.test", password: `guess-${i}-xxxxxxxx` }), "UNAUTHORIZED");
      expect(e.message).toBe("Wrong email or password");
    }
    await expectRateLimited(anon.auth.signIn({ email: "nobody@example.test", password: PASSWORD }), 300);
  });

  it("counts failures per IP across emails", async () => {
    const anon = await callerFor(null, "192.0.2.44");
    for (let i = 0; i < 20; i++)
      await expectTRPCError(anon.auth.signIn({ email: `spray-${i}@example.test`, password: "password-123456" }), "UNAUTHORIZED");
    await expectRateLimited(anon.auth.signIn({ email: "spray-20@example.test", password: "password-123456" }), 60);
    const elsewhere = await callerFor(null, "192.0.2.45");
    await expectTRPCError(elsewhere.auth.signIn({ email: "spray-20@example.test", password: "password-123456" }), "UNAUTHORIZED");
  });

  it("limits sign-ups per IP", async () => {
    const anon = await callerFor(null, "192.0.2.99");
    for (let i = 0; i < 3; i++)
      await anon.auth.register({ email: `signup-${i}@example.test`, password: PASSWORD, displayName: `Signup ${i}` });
    await expectRateLimited(anon.auth.register({ email: "signup-3@example.test", password: PASSWORD, displayName: "Signup 3" }), 1200);
  });
});

describe("admin.rateLimits authorization", () => {
  it("is for admins only, and every change leaves an audit row", async () => {
    const admin = await app.db.user.findFirstOrThrow({ where: { role: "admin" } });
    const member = await app.register("Hal");
    const moderator = await app.register("Ida", "moderator");
    const suspendedAdmin = await app.register("Jo", "admin");
    await app.db.user.update({
      where: { id: suspendedAdmin.id },
      data: { status: "suspended", suspendedUntil: new Date(Date.now() + 86_400_000) },
    });
    const overrides = { edit: { account: [{ limit: 2, perSeconds: 60 }] } };
    const refused = [
      [null, "UNAUTHORIZED"],
      [member.id, "FORBIDDEN"],
      [moderator.id, "FORBIDDEN"],
      [suspendedAdmin.id, "FORBIDDEN"],
    ] as const;
    for (const [id, code] of refused) {
      const as = await callerFor(id);
      await expectTRPCError(as.admin.rateLimits(), code);
      await expectTRPCError(as.admin.updateRateLimits({ overrides }), code);
    }
    const asAdmin = await callerFor(admin.id);
    const before = await app.db.auditLog.count({ where: { action: "settings.rateLimits.updated" } });
    await asAdmin.admin.updateRateLimits({ overrides });
    const read = await asAdmin.admin.rateLimits();
    expect(read.overrides).toEqual(overrides);
    expect(read.defaults["auth.signInFailure"]?.email?.[0]).toEqual({ limit: 1, perSeconds: 300, burst: 5 });
    const audit = await app.db.auditLog.findMany({ where: { action: "settings.rateLimits.updated" }, orderBy: { id: "asc" } });
    expect(audit).toHaveLength(before + 1);
    expect(audit.at(-1)).toMatchObject({ actorId: admin.id, targetId: "rateLimits", after: overrides });
    await expectTRPCError(asAdmin.admin.updateRateLimits({ overrides: { edit: { account: [{ limit: 0, perSeconds: 60 }] } } }), "BAD_REQUEST");
    await asAdmin.admin.updateRateLimits({ overrides: {} });
  });
});

describe("shared state", () => {
  it("consumes a request's buckets in one call: each decides alone, the longest wait answers", async () => {
    const limiter = new PostgresRateLimiter(app.db);
    // In 2033, so the pruning test below (2001) finds none of these buckets.
    const now = 2_000_000_000_000;
    const tight = { key: "test:each:tight", rule: { limit: 1, perSeconds: 10, burst: 1 } };
    const loose = { key: "test:each:loose", rule: { limit: 1, perSeconds: 1, burst: 3 } };
    expect(await limiter.consumeEach([tight, loose], now)).toMatchObject({ allowed: true, retryAfterMs: 0 });
    // The tight bucket is empty, the loose one still fits: refused with the tight one's wait;
    // only the bucket that fitted advanced, and the answer says so (reserve gives it back).
    expect(await limiter.consumeEach([tight, loose], now)).toEqual({ allowed: false, retryAfterMs: 10_000, granted: [loose] });
    expect(await limiter.peek(loose.key, loose.rule, now)).toEqual({ allowed: true, retryAfterMs: 0 });
    expect(await limiter.consumeEach([loose], now)).toMatchObject({ allowed: true, retryAfterMs: 0 });
    expect(await limiter.consumeEach([loose], now)).toMatchObject({ allowed: false, retryAfterMs: 1_000 });
    // Many at once from two callers: never more than the burst.
    const burst = { key: "test:each:burst", rule: { limit: 1, perSeconds: 10, burst: 4 } };
    const decisions = await Promise.all(Array.from({ length: 12 }, () => limiter.consumeEach([burst], now)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(4);
  });

  it("two limiters on separate pools share one bucket, also under concurrency", async () => {
    const a = createDatabase(app.url, { max: 5 });
    const b = createDatabase(app.url, { max: 5 });
    try {
      const [la, lb] = [new PostgresRateLimiter(a), new PostgresRateLimiter(b)];
      const rule = { limit: 1, perSeconds: 10, burst: 5 };
      // In 2001, so pruning around it leaves the other tests' buckets (real time) alone.
      const now = 1_000_000_000_000;
      const decisions = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? la : lb).consume("test:concurrent", rule, now)),
      );
      expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
      expect(await lb.peek("test:concurrent", rule, now)).toEqual({ allowed: false, retryAfterMs: 10_000 });
      expect((await la.consume("test:concurrent", rule, now + 10_000)).allowed).toBe(true);
      expect(await lb.consume("test:concurrent", rule, now + 10_000)).toEqual({ allowed: false, retryAfterMs: 10_000 });
      // Once refilled the row holds no state and is pruned; the next request starts afresh.
      expect(await la.prune(now + 10_000)).toBe(0);
      expect(await la.prune(now + 60_000)).toBeGreaterThanOrEqual(1);
      expect(await lb.peek("test:concurrent", rule, now + 60_000)).toEqual({ allowed: true, retryAfterMs: 0 });
    } finally {
      await Promise.all([a.$disconnect(), b.$disconnect()]);
    }
  });

  describe("two server processes on one database", () => {
    const servers: StandaloneServer[] = [];
    afterAll(async () => {
      await Promise.all(servers.map((s) => s.stop()));
    });

    it("share the sign-in lockout, and send the wait in error data", async () => {
      servers.push(await startStandaloneServer(app.url), await startStandaloneServer(app.url));
      const clients = servers.map((s) => createTRPCClient<AppRouter>({ links: [httpLink({ url: s.url })] }));
      const kim = await app.register("Kim");
      for (let i = 0; i < 5; i++) {
        const client = clients[i % 2];
        if (!client) throw new Error("two clients");
        await expect(client.auth.signIn.mutate({ email: kim.email, password: `guess-${i}-xxxxxxxx` })).rejects.toMatchObject({
          data: { code: "UNAUTHORIZED" },
        });
      }
      for (const client of clients) {
        const error = await client.auth.signIn.mutate({ email: kim.email, password: PASSWORD }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(TRPCClientError);
        expect(error).toMatchObject({ data: { code: "TOO_MANY_REQUESTS", httpStatus: 429 } });
        const seconds = (error as TRPCClientError<AppRouter>).data?.retryAfterSeconds;
        expect(seconds).toBeGreaterThan(240);
        expect(seconds).toBeLessThanOrEqual(300);
      }
    });
  });
});
