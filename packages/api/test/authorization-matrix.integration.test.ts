import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { readRateLimitOverrides } from "../src/rate-limit/settings";
import { appRouter } from "../src/root";
import { useTestApp } from "./harness";

// Who may call each moderation and admin procedure. A procedure added to one of these routers
// without a row here fails the first test below.
const GUARDED_ROUTERS = ["moderation", "label", "admin", "review", "flag"];
const GUARDED_ELSEWHERE = ["agent.retry", "live.reviewQueue"];

const app = useTestApp();

const ACTORS = ["anonymous", "member", "author", "moderator", "admin", "suspended"] as const;
type Actor = (typeof ACTORS)[number];
type Outcome = "ok" | TRPCError["code"];
type Caller = Awaited<ReturnType<typeof app.as>>;

interface World {
  /** A discussion and a message by the author. */
  discussionId: string;
  messageId: string;
  /** A suspended member: anyone allowed may suspend, ban, reinstate or promote them. */
  targetUserId: string;
  /** A failed summary job of the discussion. */
  failedJobId: string;
  labelId: string;
  /** An open review item about the message. */
  reviewItemId: string;
}

let callers: Record<Actor, Caller>;

beforeAll(async () => {
  const admin = await app.register("Admin", "admin");
  const author = await app.register("Author");
  const member = await app.register("Member");
  const moderator = await app.register("Moderator", "moderator");
  const suspended = await app.register("Suspended");
  await app.db.user.update({
    where: { id: suspended.id },
    data: { status: "suspended", suspendedUntil: new Date(Date.now() + 86_400_000), statusReason: "testing" },
  });
  callers = {
    anonymous: await app.as(null),
    member: await app.as(member.id),
    author: await app.as(author.id),
    moderator: await app.as(moderator.id),
    admin: await app.as(admin.id),
    suspended: await app.as(suspended.id),
  };
});

/** Fresh rows for each call, so one call's effect (a ban, a delete, a lock) decides nothing else. */
async function makeWorld(): Promise<World> {
  const discussion = await callers.author.discussion.create({ title: "A thread to test", body: "first message" });
  const message = await callers.author.message.create({ discussionId: discussion.id, body: "second message" });
  const { job } = await callers.author.agent.request({ discussionId: discussion.id, type: "summary" });
  await app.db.agentJob.update({ where: { id: job.id }, data: { status: "failed", error: "provider down" } });
  const suffix = randomUUID().slice(0, 8);
  const target = await app.db.user.create({
    data: {
      email: `target-${suffix}@example.test`,
      handle: `target-${suffix}`,
      displayName: "Target",
      status: "suspended",
      suspendedUntil: new Date(Date.now() + 86_400_000),
      statusReason: "earlier suspension",
    },
  });
  const label = await app.db.label.create({ data: { name: `label-${suffix}` } });
  const item = await app.db.reviewItem.create({
    data: { kind: "message_flagged", openKey: `matrix:${message.id}`, messageId: message.id, subjectId: message.author.id, reason: "test" },
  });
  return {
    discussionId: discussion.id,
    messageId: message.id,
    targetUserId: target.id,
    failedJobId: job.id,
    labelId: label.id,
    reviewItemId: item.id,
  };
}

const anyone: Record<Actor, Outcome> = {
  anonymous: "ok",
  member: "ok",
  author: "ok",
  moderator: "ok",
  admin: "ok",
  suspended: "ok",
};
const moderators: Record<Actor, Outcome> = {
  anonymous: "UNAUTHORIZED",
  member: "FORBIDDEN",
  author: "FORBIDDEN",
  moderator: "ok",
  admin: "ok",
  suspended: "FORBIDDEN",
};
const admins: Record<Actor, Outcome> = { ...moderators, moderator: "FORBIDDEN" };

const DAY = 86_400_000;

/** "ok", or the tRPC code the call was refused with; anything else is a failure of the test. */
async function outcomeOf(call: Promise<unknown>): Promise<Outcome> {
  try {
    await call;
    return "ok";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

const matrix: { name: string; call: (c: Caller, w: World) => Promise<unknown>; expect: Record<Actor, Outcome> }[] = [
  // Accounts.
  { name: "moderation.users", call: (c) => c.moderation.users({}), expect: moderators },
  {
    name: "moderation.suspend",
    call: (c, w) =>
      c.moderation.suspend({ userId: w.targetUserId, until: new Date(Date.now() + DAY).toISOString(), reason: "cool off" }),
    expect: moderators,
  },
  { name: "moderation.ban", call: (c, w) => c.moderation.ban({ userId: w.targetUserId, reason: "spam" }), expect: moderators },
  { name: "moderation.reinstate", call: (c, w) => c.moderation.reinstate({ userId: w.targetUserId }), expect: moderators },
  {
    name: "moderation.setRole",
    call: (c, w) => c.moderation.setRole({ userId: w.targetUserId, role: "moderator" }),
    expect: admins,
  },
  // Discussions.
  {
    name: "moderation.sendPasswordReset",
    call: (c, w) => c.moderation.sendPasswordReset({ userId: w.targetUserId }),
    expect: admins,
  },
  {
    name: "moderation.lockDiscussion",
    call: (c, w) => c.moderation.lockDiscussion({ discussionId: w.discussionId }),
    expect: moderators,
  },
  {
    name: "moderation.unlockDiscussion",
    call: async (c, w) => {
      await app.db.discussion.update({ where: { id: w.discussionId }, data: { locked: true } });
      return c.moderation.unlockDiscussion({ discussionId: w.discussionId });
    },
    expect: moderators,
  },
  // Audit log and agent jobs.
  { name: "moderation.auditLog", call: (c) => c.moderation.auditLog({}), expect: moderators },
  { name: "moderation.agentJobs", call: (c) => c.moderation.agentJobs({ status: "failed" }), expect: moderators },
  { name: "agent.retry", call: (c, w) => c.agent.retry({ jobId: w.failedJobId }), expect: moderators },
  // Labels.
  { name: "label.list", call: (c) => c.label.list(), expect: anyone },
  {
    name: "label.save",
    call: (c, w) => c.label.save({ id: w.labelId, name: `renamed-${randomUUID().slice(0, 8)}`, color: "#112233", description: "" }),
    expect: admins,
  },
  {
    name: "label.add",
    call: (c, w) => c.label.add({ discussionId: w.discussionId, labelId: w.labelId }),
    expect: moderators,
  },
  {
    name: "label.remove",
    call: (c, w) => c.label.remove({ discussionId: w.discussionId, labelId: w.labelId }),
    expect: moderators,
  },
  { name: "label.delete", call: (c, w) => c.label.delete({ id: w.labelId }), expect: admins },
  // Flags and the review queue.
  {
    name: "flag.create",
    call: (c, w) => c.flag.create({ messageId: w.messageId, reason: "spam" }),
    // Not on one's own message.
    expect: { ...moderators, member: "ok", author: "FORBIDDEN" },
  },
  { name: "review.list", call: (c) => c.review.list({}), expect: moderators },
  {
    name: "review.resolve",
    call: (c, w) => c.review.resolve({ id: w.reviewItemId, action: "dismiss" }),
    expect: moderators,
  },
  {
    name: "live.reviewQueue",
    // The refusal comes before the stream starts; an allowed stream is not read here.
    call: (c) => c.live.reviewQueue({}),
    expect: moderators,
  },
  // Site settings.
  { name: "admin.rateLimits", call: (c) => c.admin.rateLimits(), expect: admins },
  {
    name: "admin.updateRateLimits",
    // The same overrides back: the suite's raised limits stay as they are.
    call: async (c) => c.admin.updateRateLimits({ overrides: await readRateLimitOverrides(app.db) }),
    expect: admins,
  },
  { name: "admin.styleGuide", call: (c) => c.admin.styleGuide(), expect: admins },
  { name: "admin.setStyleGuide", call: (c) => c.admin.setStyleGuide({ styleGuide: "Be brief." }), expect: admins },
  { name: "admin.moderationPolicy", call: (c) => c.admin.moderationPolicy(), expect: admins },
  { name: "admin.unverifiedPolicy", call: (c) => c.admin.unverifiedPolicy(), expect: admins },
  {
    name: "admin.setUnverifiedPolicy",
    // The default again, so the other rows behave as before.
    call: (c) => c.admin.setUnverifiedPolicy({ mayWrite: true }),
    expect: admins,
  },
  {
    name: "admin.setModerationPolicy",
    // The default policy again: posting in the other rows behaves as before.
    call: (c) => c.admin.setModerationPolicy({ threshold: 0.8, action: "hold" }),
    expect: admins,
  },
];

describe("authorization matrix of moderation and admin procedures", () => {
  it("has a row for every procedure of the guarded routers", () => {
    const guarded = Object.keys(appRouter._def.procedures).filter(
      (path) => GUARDED_ROUTERS.includes(path.split(".")[0] ?? "") || GUARDED_ELSEWHERE.includes(path),
    );
    expect(matrix.map((row) => row.name).sort()).toEqual(guarded.sort());
  });

  for (const row of matrix) {
    it(row.name, async () => {
      const seen: Partial<Record<Actor, Outcome>> = {};
      for (const actor of ACTORS) seen[actor] = await outcomeOf(row.call(callers[actor], await makeWorld()));
      expect(seen).toEqual(row.expect);
    });
  }
});
