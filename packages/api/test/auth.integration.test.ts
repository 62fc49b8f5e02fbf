import { describe, expect, it } from "vitest";
import { expectTRPCError, useTestApp } from "./harness";

const app = useTestApp();

describe("accounts", () => {
  const account = (email: string) => app.db.user.findUniqueOrThrow({ where: { email } });

  it("makes the first account admin and later ones members", async () => {
    const anonymous = await app.as(null);
    await anonymous.auth.register({ email: "Founder@Example.test", password: "a-long-enough-secret", displayName: "Founder" });
    await anonymous.auth.register({ email: "second@example.test", password: "another-long-secret", displayName: "Founder" });
    expect(await account("founder@example.test")).toMatchObject({ role: "admin", handle: "founder", emailVerifiedAt: null });
    expect(await account("second@example.test")).toMatchObject({ role: "member", handle: "founder-2" });
  });

  it("derives handles without accents or punctuation", async () => {
    const anonymous = await app.as(null);
    await anonymous.auth.register({ email: "tomas@example.test", password: "a-long-enough-secret", displayName: "Tomás Ñúñez!" });
    expect((await account("tomas@example.test")).handle).toBe("tomas-nunez");
  });

  it("answers a taken address (whatever its case) exactly as a new one, and creates nothing", async () => {
    const anonymous = await app.as(null);
    const before = await app.db.user.count();
    const taken = await anonymous.auth.register({ email: "FOUNDER@example.test", password: "yet-another-secret", displayName: "Copy" });
    const fresh = await anonymous.auth.register({ email: "FRESH@example.test", password: "yet-another-secret", displayName: "Fresh" });
    expect(taken).toEqual({ status: "verification_sent", email: "founder@example.test" });
    expect(fresh).toEqual({ status: "verification_sent", email: "fresh@example.test" });
    expect(await app.db.user.count()).toBe(before + 1);
    // The owner keeps the password; the copy's is not set anywhere.
    await anonymous.auth.signIn({ email: "founder@example.test", password: "a-long-enough-secret" });
  });

  it("refuses weak passwords with field errors", async () => {
    const anonymous = await app.as(null);
    const error = await expectTRPCError(
      anonymous.auth.register({ email: "weak@example.test", password: "short", displayName: "Weak" }),
      "BAD_REQUEST",
    );
    expect(error.message).toMatch(/at least 10 characters/);
    await expectTRPCError(
      anonymous.auth.register({ email: "weak@example.test", password: "password123", displayName: "Weak" }),
      "BAD_REQUEST",
    );
    await expectTRPCError(
      anonymous.auth.register({ email: "weakling@example.test", password: "my-weakling-pass", displayName: "Weak" }),
      "BAD_REQUEST",
    );
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    const anonymous = await app.as(null);
    const wrong = await expectTRPCError(anonymous.auth.signIn({ email: "founder@example.test", password: "not-the-password" }), "UNAUTHORIZED");
    const unknown = await expectTRPCError(anonymous.auth.signIn({ email: "nobody@example.test", password: "not-the-password" }), "UNAUTHORIZED");
    expect(wrong.message).toBe(unknown.message);
  });

  it("signs in with a bearer token that authorizes requests until revoked", async () => {
    const anonymous = await app.as(null);
    const { token, user } = await anonymous.auth.signIn({ email: "founder@example.test", password: "a-long-enough-secret" });
    const client = await app.withToken(token);
    expect((await client.auth.me()).user?.id).toBe(user.id);

    const personal = await client.tokens.create({ name: "ci bot", scopes: ["read"] });
    expect(personal.token).toMatch(/^plt_/);
    const listed = await client.tokens.list();
    expect(listed.map((t) => t.id)).toContain(personal.id);
    expect(JSON.stringify(listed)).not.toContain(personal.token);
    const stored = await app.db.apiToken.findUniqueOrThrow({ where: { id: personal.id } });
    expect(stored.tokenHash).not.toContain(personal.token);

    const bot = await app.withToken(personal.token);
    expect((await bot.auth.me()).user?.id).toBe(user.id);
    await expectTRPCError(bot.discussion.create({ title: "Read-only", body: "should fail" }), "FORBIDDEN");

    await client.tokens.revoke({ id: personal.id });
    expect((await (await app.withToken(personal.token)).auth.me()).user).toBeNull();
  });

  it("does not let a member revoke someone else's token", async () => {
    const owner = await app.register("TokenOwner");
    const other = await app.register("TokenThief");
    const created = await (await app.as(owner.id)).tokens.create({ name: "mine", scopes: ["read", "write"] });
    await expectTRPCError((await app.as(other.id)).tokens.revoke({ id: created.id }), "NOT_FOUND");
    await expectTRPCError((await app.as(null)).tokens.list(), "UNAUTHORIZED");
  });

  it("re-reads the account on every request: a ban or role change applies at once", async () => {
    const member = await app.register("Changeable");
    const client = await app.withToken(member.token);
    expect((await client.auth.me()).user?.role).toBe("member");
    await app.db.user.update({ where: { id: member.id }, data: { role: "moderator" } });
    expect((await (await app.withToken(member.token)).auth.me()).user?.role).toBe("moderator");
    await app.db.user.update({ where: { id: member.id }, data: { status: "banned" } });
    expect((await (await app.withToken(member.token)).auth.me()).user).toBeNull();
    expect((await (await app.as(member.id)).auth.me()).user).toBeNull();
  });
});
