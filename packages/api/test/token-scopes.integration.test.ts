import { beforeAll, describe, expect, it } from "vitest";
import { expectTRPCError, useTestApp } from "./harness";

const app = useTestApp();
type Caller = Awaited<ReturnType<typeof app.as>>;
let admin: { id: string; token: string };
let moderator: { id: string; token: string };
let adminSession: Caller;
let moderatorSession: Caller;
let member: Caller;

beforeAll(async () => {
  admin = await app.register("Root", "admin");
  moderator = await app.register("Mod", "moderator");
  adminSession = await app.as(admin.id);
  moderatorSession = await app.as(moderator.id);
  member = await app.as((await app.register("Member")).id);
});

describe("token scopes", () => {
  it("lets only admins grant the admin scope", async () => {
    await expectTRPCError(member.tokens.create({ name: "x", scopes: ["read", "admin"] }), "FORBIDDEN");
    await expectTRPCError(moderatorSession.tokens.create({ name: "x", scopes: ["admin"] }), "FORBIDDEN");
    const granted = await adminSession.tokens.create({ name: "ops", scopes: ["read", "write", "admin"] });
    expect(granted.scopes).toEqual(["read", "write", "admin"]);
    // A personal token without the admin scope cannot mint one that has it.
    const plain = await adminSession.tokens.create({ name: "plain", scopes: ["read", "write"] });
    const viaPlain = await app.withToken(plain.token);
    await expectTRPCError(viaPlain.tokens.create({ name: "escalate", scopes: ["admin"] }), "FORBIDDEN");
    // Through a token that has it, an admin may.
    const viaAdminToken = await app.withToken(granted.token);
    expect((await viaAdminToken.tokens.create({ name: "child", scopes: ["admin", "write"] })).scopes).toEqual(["admin", "write"]);
  });

  it("requires the admin scope for admin procedures called with a personal token", async () => {
    const plain = await app.withToken((await adminSession.tokens.create({ name: "w", scopes: ["read", "write"] })).token);
    const error = await expectTRPCError(plain.label.save({ name: "needs-scope" }), "FORBIDDEN");
    expect(error.message).toBe("This token has no admin scope");
    const scoped = await app.withToken((await adminSession.tokens.create({ name: "a", scopes: ["write", "admin"] })).token);
    expect((await scoped.label.save({ name: "with-scope" })).name).toBe("with-scope");
    // The sign-in token (kind "session") carries the account's full rights.
    const signedIn = await app.withToken(admin.token);
    expect((await signedIn.label.save({ name: "via-sign-in" })).name).toBe("via-sign-in");
  });

  it("requires the admin scope for moderator procedures too, and the role as well", async () => {
    const label = await adminSession.label.save({ name: "triage" });
    const d = await member.discussion.create({ title: "Scope check", body: "hello" });
    // A moderator's personal token (moderators cannot grant themselves the admin scope).
    const modToken = await app.withToken((await moderatorSession.tokens.create({ name: "m", scopes: ["read", "write"] })).token);
    await expectTRPCError(modToken.label.add({ discussionId: d.id, labelId: label.id }), "FORBIDDEN");
    // Their sign-in token and session moderate as before.
    const modSignIn = await app.withToken(moderator.token);
    expect((await modSignIn.label.add({ discussionId: d.id, labelId: label.id })).labels.map((l) => l.name)).toEqual(["triage"]);
    expect((await moderatorSession.label.remove({ discussionId: d.id, labelId: label.id })).labels).toEqual([]);
    // An admin token whose account is demoted loses the rights at once: the role is re-read.
    const scoped = await adminSession.tokens.create({ name: "demoted", scopes: ["write", "admin"] });
    const other = await app.register("Second", "admin");
    const otherScoped = await (await app.as(other.id)).tokens.create({ name: "o", scopes: ["write", "admin"] });
    await app.db.user.update({ where: { id: other.id }, data: { role: "member" } });
    await expectTRPCError((await app.withToken(otherScoped.token)).label.save({ name: "gone" }), "FORBIDDEN");
    expect((await (await app.withToken(scoped.token)).label.save({ name: "kept" })).name).toBe("kept");
  });
});
