import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveViewer } from "../src/auth/viewer";
import { createInnerContext, createTRPCContext } from "../src/context";
import { createCaller } from "../src/index";
import { expectTRPCError, useTestApp } from "./harness";

const app = useTestApp();
type Caller = Awaited<ReturnType<typeof app.as>>;

const DAY = 86_400_000;
const PASSWORD = "correct-horse-battery-staple";

let admin: { id: string; caller: Caller };
let moderator: { id: string; caller: Caller };
let anonymous: Caller;

beforeAll(async () => {
  const a = await app.register("Admin", "admin");
  const m = await app.register("Moderator", "moderator");
  admin = { id: a.id, caller: await app.as(a.id) };
  moderator = { id: m.id, caller: await app.as(m.id) };
  anonymous = await app.as(null);
});

let memberCount = 0;
async function newMember() {
  const registered = await app.register(`Member${++memberCount}`);
  return { ...registered, caller: await app.as(registered.id) };
}

/** A caller whose clock reads `at` (milliseconds), to move past a suspension without sleeping. */
async function callerAt(userId: string, at: number): Promise<Caller> {
  const viewer = await resolveViewer(app.db, { bearerToken: null, sessionUserId: userId });
  return createCaller(createInnerContext({ db: app.db, events: app.bus, viewer, now: () => at }));
}

/** The newest audit row about a target. */
async function lastAudit(targetId: string) {
  return app.db.auditLog.findFirstOrThrow({ where: { targetId }, orderBy: { id: "desc" } });
}

async function errorOf(call: Promise<unknown>): Promise<TRPCError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe("suspension", () => {
  it("blocks writing with the reason and the end, shows both to the member, and ends by time", async () => {
    const member = await newMember();
    const { id: discussionId } = await member.caller.discussion.create({ title: "Before the suspension", body: "hello" });
    const until = new Date(Date.now() + 3 * DAY);
    const suspended = await moderator.caller.moderation.suspend({
      userId: member.id,
      until: until.toISOString(),
      reason: "Repeated personal attacks",
    });
    expect(suspended).toMatchObject({ status: "suspended", statusReason: "Repeated personal attacks", email: null });

    // Each request reads the account afresh.
    const now = await app.as(member.id);
    const refused = await errorOf(now.message.create({ discussionId, body: "still here" }));
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toContain(until.toISOString());
    expect(refused.message).toContain("Repeated personal attacks");
    expect((await now.auth.me()).user).toMatchObject({
      status: "suspended",
      statusReason: "Repeated personal attacks",
      suspendedUntil: until.toISOString(),
    });
    // Reading still works.
    expect((await now.message.list({ discussionId })).items).toHaveLength(1);

    const later = await callerAt(member.id, until.getTime() + 1);
    await expect(later.message.create({ discussionId, body: "back again" })).resolves.toMatchObject({ body: "back again" });
    expect((await later.auth.me()).user).toMatchObject({ status: "active", statusReason: null, suspendedUntil: null });
    const listed = await admin.caller.moderation.users({ query: member.email.split("@")[0], status: "suspended" });
    expect(listed.items.map((u) => u.id)).toContain(member.id);
  });

  it("must end in the future and within a year", async () => {
    const member = await newMember();
    const reason = "spam";
    await expectTRPCError(
      moderator.caller.moderation.suspend({ userId: member.id, until: new Date(Date.now() - 1000).toISOString(), reason }),
      "BAD_REQUEST",
    );
    await expectTRPCError(
      moderator.caller.moderation.suspend({ userId: member.id, until: new Date(Date.now() + 400 * DAY).toISOString(), reason }),
      "BAD_REQUEST",
    );
    await expectTRPCError(
      moderator.caller.moderation.suspend({ userId: member.id, until: new Date(Date.now() + DAY).toISOString(), reason: " " }),
      "BAD_REQUEST",
    );
  });

  it("is audited with before and after, and lifted by reinstate", async () => {
    const member = await newMember();
    const until = new Date(Date.now() + DAY).toISOString();
    await moderator.caller.moderation.suspend({ userId: member.id, until, reason: "Cool off" });
    expect(await lastAudit(member.id)).toMatchObject({
      actorId: moderator.id,
      action: "account.suspended",
      targetType: "user",
      before: { status: "active", statusReason: null, suspendedUntil: null, role: "member" },
      after: { status: "suspended", statusReason: "Cool off", suspendedUntil: until, role: "member" },
    });
    await moderator.caller.moderation.reinstate({ userId: member.id });
    expect(await lastAudit(member.id)).toMatchObject({
      action: "account.reinstated",
      before: { status: "suspended" },
      after: { status: "active", statusReason: null, suspendedUntil: null },
    });
    await expectTRPCError(moderator.caller.moderation.reinstate({ userId: member.id }), "CONFLICT");
    await expect((await app.as(member.id)).discussion.create({ title: "Reinstated", body: "thanks" })).resolves.toBeDefined();
  });
});

describe("ban", () => {
  it("refuses sign-in and every token with the reason, and revokes the account's tokens", async () => {
    const member = await newMember();
    const personal = await member.caller.tokens.create({ name: "cli", scopes: ["read", "write"] });
    await admin.caller.moderation.ban({ userId: member.id, reason: "Spam bot" });

    const tokens = await app.db.apiToken.findMany({ where: { userId: member.id } });
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    expect(tokens.every((t) => t.revokedAt !== null)).toBe(true);
    expect(await lastAudit(member.id)).toMatchObject({
      actorId: admin.id,
      action: "account.banned",
      before: { status: "active" },
      after: { status: "banned", statusReason: "Spam bot", revokedTokens: tokens.length },
    });

    const signIn = await errorOf(anonymous.auth.signIn({ email: member.email, password: PASSWORD }));
    expect(signIn.code).toBe("FORBIDDEN");
    expect(signIn.message).toBe("This account is banned: Spam bot");
    // A wrong password still reads as a wrong password: the ban is told only to who knows it.
    expect((await errorOf(anonymous.auth.signIn({ email: member.email, password: "not the password" }))).code).toBe(
      "UNAUTHORIZED",
    );

    for (const token of [member.token, personal.token]) {
      const refused = await errorOf(
        createTRPCContext({
          runtime: { db: app.db, events: app.bus },
          headers: new Headers({ authorization: `Bearer ${token}` }),
          sessionUserId: null,
        }),
      );
      expect(refused).toMatchObject({ code: "UNAUTHORIZED", message: "This account is banned: Spam bot" });
    }
    // The browser session is signed out.
    expect((await (await app.as(member.id)).auth.me()).user).toBeNull();

    await admin.caller.moderation.reinstate({ userId: member.id });
    await expect(anonymous.auth.signIn({ email: member.email, password: PASSWORD })).resolves.toMatchObject({
      user: { id: member.id },
    });
  });
});

describe("who may act on whom", () => {
  it("keeps moderators to members and admins off their own account", async () => {
    const otherModerator = await app.register("Moderator2", "moderator");
    const until = new Date(Date.now() + DAY).toISOString();
    for (const target of [admin.id, otherModerator.id]) {
      await expectTRPCError(moderator.caller.moderation.suspend({ userId: target, until, reason: "no" }), "FORBIDDEN");
      await expectTRPCError(moderator.caller.moderation.ban({ userId: target, reason: "no" }), "FORBIDDEN");
      await expectTRPCError(moderator.caller.moderation.reinstate({ userId: target }), "FORBIDDEN");
    }
    await expectTRPCError(admin.caller.moderation.ban({ userId: admin.id, reason: "oops" }), "FORBIDDEN");
    await expectTRPCError(moderator.caller.moderation.setRole({ userId: otherModerator.id, role: "member" }), "FORBIDDEN");
    // Admins may act on moderators.
    await expect(admin.caller.moderation.suspend({ userId: otherModerator.id, until, reason: "pause" })).resolves.toMatchObject({
      status: "suspended",
    });
  });

  it("never removes the last admin", async () => {
    await expectTRPCError(admin.caller.moderation.setRole({ userId: admin.id, role: "member" }), "CONFLICT");
    const second = await app.register("Admin2");
    await admin.caller.moderation.setRole({ userId: second.id, role: "admin" });
    expect(await lastAudit(second.id)).toMatchObject({
      actorId: admin.id,
      action: "account.roleChanged",
      before: { role: "member" },
      after: { role: "admin" },
    });
    // With two admins, one may ban the other, but then the last one cannot be removed.
    await admin.caller.moderation.ban({ userId: second.id, reason: "compromised" });
    await expectTRPCError(admin.caller.moderation.setRole({ userId: admin.id, role: "moderator" }), "CONFLICT");
    await admin.caller.moderation.reinstate({ userId: second.id });
    await expect(admin.caller.moderation.setRole({ userId: second.id, role: "member" })).resolves.toMatchObject({ role: "member" });
  });

  it("keeps an admin when two admins demote each other at once", async () => {
    const a = await app.register("RaceA", "admin");
    const b = await app.register("RaceB", "admin");
    const [callerA, callerB] = [await app.as(a.id), await app.as(b.id)];
    // The site's first admin steps aside for this test, so these two are the only ones.
    await app.db.user.update({ where: { id: admin.id }, data: { role: "moderator" } });
    try {
      const results = await Promise.allSettled([
        callerA.moderation.setRole({ userId: b.id, role: "member" }),
        callerB.moderation.setRole({ userId: a.id, role: "member" }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(await app.db.user.count({ where: { role: "admin" } })).toBe(1);
    } finally {
      await app.db.user.update({ where: { id: admin.id }, data: { role: "admin" } });
    }
  });

  it("shows emails to admins only", async () => {
    const member = await newMember();
    const query = member.email.split("@")[0];
    const byAdmin = await admin.caller.moderation.users({ query });
    const byModerator = await moderator.caller.moderation.users({ query });
    expect(byAdmin.items.find((u) => u.id === member.id)?.email).toBe(member.email);
    expect(byModerator.items.find((u) => u.id === member.id)?.email).toBeNull();
    // Moderators cannot find accounts by email either.
    expect((await moderator.caller.moderation.users({ query: "example.test" })).items).toEqual([]);
  });
});

describe("discussions", () => {
  it("a locked discussion refuses members' posts and takes a moderator's", async () => {
    const member = await newMember();
    const discussion = await member.caller.discussion.create({ title: "Heated thread", body: "opening" });
    const locked = await moderator.caller.moderation.lockDiscussion({ discussionId: discussion.id });
    expect(locked.locked).toBe(true);
    expect((await anonymous.discussion.get({ id: discussion.id })).locked).toBe(true);
    // Announced live in the same transaction.
    const event = await app.db.event.findFirstOrThrow({
      where: { discussionId: discussion.id, topic: "discussion.updated" },
      orderBy: { id: "desc" },
    });
    expect(event.payload).toMatchObject({ discussion: { id: discussion.id, locked: true } });
    expect(await lastAudit(discussion.id)).toMatchObject({
      actorId: moderator.id,
      action: "discussion.locked",
      targetType: "discussion",
      before: { locked: false },
      after: { locked: true },
    });

    const refused = await errorOf(member.caller.message.create({ discussionId: discussion.id, body: "one more" }));
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toContain("locked");
    await expect(moderator.caller.message.create({ discussionId: discussion.id, body: "Locked for a day." })).resolves.toBeDefined();

    await moderator.caller.moderation.unlockDiscussion({ discussionId: discussion.id });
    expect(await lastAudit(discussion.id)).toMatchObject({ action: "discussion.unlocked", before: { locked: true }, after: { locked: false } });
    await expect(member.caller.message.create({ discussionId: discussion.id, body: "calmer now" })).resolves.toBeDefined();
  });

  it("audits a moderator's close, even of their own discussion", async () => {
    const own = await moderator.caller.discussion.create({ title: "Moderator's own thread", body: "hi" });
    await moderator.caller.discussion.update({ id: own.id, status: "closed" });
    expect(await lastAudit(own.id)).toMatchObject({
      actorId: moderator.id,
      action: "discussion.updated",
      before: { status: "open" },
      after: { status: "closed" },
    });
  });
});

describe("audit log", () => {
  it("lists newest first with the actor, filters, and pages", async () => {
    const member = await newMember();
    await moderator.caller.moderation.ban({ userId: member.id, reason: "one" });
    await moderator.caller.moderation.reinstate({ userId: member.id });
    const page = await moderator.caller.moderation.auditLog({ targetType: "user", targetId: member.id, limit: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      action: "account.reinstated",
      actor: { id: moderator.id, handle: "moderator" },
      before: { status: "banned" },
      after: { status: "active" },
    });
    expect(page.nextCursor).not.toBeNull();
    const next = await moderator.caller.moderation.auditLog({ targetId: member.id, cursor: page.nextCursor, limit: 10 });
    expect(next.items.map((i) => i.action)).toEqual(["account.banned", "account.created"]);
    const byActor = await admin.caller.moderation.auditLog({ actorId: moderator.id, action: "account.banned" });
    expect(byActor.items.every((i) => i.actor?.id === moderator.id && i.action === "account.banned")).toBe(true);
    await expectTRPCError(moderator.caller.moderation.auditLog({ cursor: "not-a-cursor" }), "BAD_REQUEST");
  });

  it("is append-only in the database: updates and deletes are refused", async () => {
    const row = await app.db.auditLog.findFirstOrThrow({ orderBy: { id: "desc" } });
    await expect(app.db.$executeRaw`UPDATE audit_log SET action = 'forged' WHERE id = ${row.id}`).rejects.toThrow(/append-only/);
    await expect(app.db.$executeRaw`DELETE FROM audit_log WHERE id = ${row.id}`).rejects.toThrow(/append-only/);
    await expect(app.db.auditLog.deleteMany({})).rejects.toThrow(/append-only/);
    expect((await app.db.auditLog.findUniqueOrThrow({ where: { id: row.id } })).action).toBe(row.action);
  });
});

describe("agent jobs", () => {
  it("moderators retry a failed job once, audited, and list jobs across discussions", async () => {
    const member = await newMember();
    const discussion = await member.caller.discussion.create({ title: "Needs a summary", body: "text" });
    const { job } = await member.caller.agent.request({ discussionId: discussion.id, type: "summary" });
    await expectTRPCError(moderator.caller.agent.retry({ jobId: job.id }), "CONFLICT");
    await app.db.agentJob.update({ where: { id: job.id }, data: { status: "failed", error: "provider down" } });

    const retried = await moderator.caller.agent.retry({ jobId: job.id });
    expect(retried.created).toBe(true);
    expect(retried.job).toMatchObject({ status: "queued", type: "summary", discussionId: discussion.id });
    expect(retried.job.id).not.toBe(job.id);
    const again = await moderator.caller.agent.retry({ jobId: job.id });
    expect(again).toMatchObject({ created: false, job: { id: retried.job.id } });
    expect(await lastAudit(job.id)).toMatchObject({
      actorId: moderator.id,
      action: "agent.job.retried",
      targetType: "agent_job",
      before: { status: "failed", error: "provider down" },
      after: { retryJobId: retried.job.id },
    });
    expect(await app.db.auditLog.count({ where: { targetId: job.id } })).toBe(1);
    const requester = await app.db.agentJob.findUniqueOrThrow({ where: { id: retried.job.id }, select: { requestedById: true } });
    expect(requester.requestedById).toBe(member.id);

    const failed = await moderator.caller.moderation.agentJobs({ status: "failed" });
    expect(failed.items.map((j) => j.id)).toContain(job.id);
    expect(failed.items.every((j) => j.status === "failed")).toBe(true);
    expect(failed.items.find((j) => j.id === job.id)).toMatchObject({ discussionTitle: "Needs a summary", requestedBy: { id: member.id } });
  });

  it("lists reply drafts without their text", async () => {
    const member = await newMember();
    const discussion = await member.caller.discussion.create({ title: "Draft me", body: "text" });
    const { job } = await member.caller.agent.request({ discussionId: discussion.id, type: "draft_reply" });
    await app.db.agentJob.update({
      where: { id: job.id },
      data: {
        status: "completed",
        result: {
          reply: "private words",
          rationale: "why",
          provider: { name: "offline", model: "lexicon", offline: true },
          tokens: { input: 1, output: 1 },
        },
      },
    });
    expect((await member.caller.agent.job({ id: job.id })).result).toMatchObject({ reply: "private words" });
    const listed = await moderator.caller.moderation.agentJobs({ type: "draft_reply" });
    expect(listed.items.find((j) => j.id === job.id)).toMatchObject({ status: "completed", result: null });
  });
});

describe("labels", () => {
  it("admins delete a label: gone from its discussions, audited", async () => {
    const label = await admin.caller.label.save({ name: "to-delete", color: "#ff0000", description: "temporary" });
    const member = await newMember();
    const discussion = await member.caller.discussion.create({ title: "Labelled thread", body: "x" });
    await moderator.caller.label.add({ discussionId: discussion.id, labelId: label.id });
    await expectTRPCError(moderator.caller.label.delete({ id: label.id }), "FORBIDDEN");
    await admin.caller.label.delete({ id: label.id });
    expect((await anonymous.discussion.get({ id: discussion.id })).labels).toEqual([]);
    expect(await lastAudit(label.id)).toMatchObject({
      actorId: admin.id,
      action: "label.deleted",
      before: { name: "to-delete", color: "#ff0000", description: "temporary", discussions: 1 },
      after: null,
    });
    await expectTRPCError(admin.caller.label.delete({ id: label.id }), "NOT_FOUND");
  });
});
