import { type ToxicityChecker } from "@parley/agent/moderation";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveViewer, type Viewer } from "../src/auth/viewer";
import { type PostingAction } from "../src/moderation/policy";
import { createMessage } from "../src/services/messages";
import { expectTRPCError, useTestApp } from "./harness";

// No HF_API_TOKEN here: the posting hook runs on the offline word list (score 1 on a hit).
const app = useTestApp();
let admin: { id: string };
let ann: { id: string };
let bob: { id: string };
let discussionId: string;

beforeAll(async () => {
  admin = await app.register("Admin", "admin");
  ann = await app.register("Ann");
  bob = await app.register("Bob");
  discussionId = (await (await app.as(ann.id)).discussion.create({ title: "Posting hook", body: "A friendly start." })).id;
});

async function viewerOf(userId: string): Promise<Viewer> {
  const viewer = await resolveViewer(app.db, { bearerToken: null, sessionUserId: userId });
  if (!viewer) throw new Error("no such account");
  return viewer;
}

async function setPolicy(action: PostingAction, threshold = 0.8) {
  await (await app.as(admin.id)).admin.setModerationPolicy({ action, threshold });
}

const decisionsOf = (messageId: string) =>
  app.db.moderationDecision.findMany({
    where: { messageId },
    select: { outcome: true, policy: true, label: true, score: true, provider: true },
    orderBy: { id: "asc" },
  });
const itemsOf = (messageId: string) =>
  app.db.reviewItem.findMany({ where: { messageId }, select: { kind: true, status: true, openKey: true, label: true, score: true } });
const countOf = async () => (await app.db.discussion.findUniqueOrThrow({ where: { id: discussionId } })).messageCount;

describe("the posting policy", () => {
  it("defaults to hold at 0.8, and admins change it with an audit row", async () => {
    const asAdmin = await app.as(admin.id);
    expect(await asAdmin.admin.moderationPolicy()).toEqual({
      policy: { threshold: 0.8, action: "hold" },
      defaults: { threshold: 0.8, action: "hold" },
    });
    await setPolicy("flag", 0.7);
    expect((await asAdmin.admin.moderationPolicy()).policy).toEqual({ threshold: 0.7, action: "flag" });
    const audit = await app.db.auditLog.findFirstOrThrow({ where: { action: "settings.moderationPolicy" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorId: admin.id, before: { action: "hold", threshold: 0.8 }, after: { action: "flag", threshold: 0.7 } });
    await expectTRPCError((await app.as(ann.id)).admin.setModerationPolicy({ action: "allow", threshold: 1 }), "FORBIDDEN");
  });

  it("records an allow decision for clean text and publishes it", async () => {
    await setPolicy("reject");
    const before = await countOf();
    const message = await (await app.as(ann.id)).message.create({ discussionId, body: "Thanks, that fixed it." });
    expect(message).toMatchObject({ status: "published", statusReason: null });
    expect(await decisionsOf(message.id)).toEqual([{ outcome: "allow", policy: "reject", label: "clean", score: 0, provider: "lexicon" }]);
    expect(await itemsOf(message.id)).toEqual([]);
    expect(await countOf()).toBe(before + 1);
  });

  it("allow: publishes toxic text and only records the score", async () => {
    await setPolicy("allow");
    const message = await (await app.as(ann.id)).message.create({ discussionId, body: "You idiot." });
    expect(message.status).toBe("published");
    // Offline scores are graded (obscenity + scored lexicon); a plain insult scores near 1.
    const decisions = await decisionsOf(message.id);
    expect(decisions).toMatchObject([{ outcome: "allow", policy: "allow", label: "lexicon", provider: "lexicon" }]);
    expect(decisions[0]?.score).toBeGreaterThanOrEqual(0.95);
    expect(await itemsOf(message.id)).toEqual([]);
  });

  it("flag: publishes and opens a review item", async () => {
    await setPolicy("flag");
    const message = await (await app.as(ann.id)).message.create({ discussionId, body: "Shut up about it." });
    expect(message.status).toBe("published");
    const [decision] = await decisionsOf(message.id);
    expect(decision).toMatchObject({ outcome: "flag", policy: "flag" });
    expect(decision?.score).toBeGreaterThanOrEqual(0.8);
    expect(await itemsOf(message.id)).toEqual([
      { kind: "message_flagged", status: "open", openKey: `flag:${message.id}`, label: "lexicon", score: decision?.score },
    ]);
  });

  it("hold: the author's request succeeds with a held message that is not counted", async () => {
    await setPolicy("hold");
    const before = await countOf();
    const message = await (await app.as(ann.id)).message.create({ discussionId, body: "What a moron." });
    expect(message.status).toBe("held");
    expect(message.statusReason).toMatch(/Held for review/);
    const decisions = await decisionsOf(message.id);
    expect(decisions).toMatchObject([{ outcome: "hold", policy: "hold", label: "lexicon" }]);
    expect(decisions[0]?.score).toBeGreaterThanOrEqual(0.8);
    expect(await itemsOf(message.id)).toMatchObject([{ kind: "message_held", status: "open", openKey: `held:${message.id}` }]);
    expect(await countOf()).toBe(before);
  });

  it("reject: stored as rejected with the reason, nothing lost", async () => {
    await setPolicy("reject");
    const message = await (await app.as(ann.id)).message.create({ discussionId, body: "Go to hell." });
    expect(message).toMatchObject({ status: "rejected", body: "Go to hell." });
    expect(message.statusReason).toMatch(/Not published/);
    expect(await decisionsOf(message.id)).toMatchObject([{ outcome: "reject", policy: "reject" }]);
    expect(await itemsOf(message.id)).toMatchObject([{ kind: "message_blocked", status: "open" }]);
  });

  it("redact: publishes with the spans replaced and keeps the original for the author and moderators", async () => {
    await setPolicy("redact");
    const message = await (await app.as(ann.id)).message.create({ discussionId, body: "Fine, you idiot, it works." });
    expect(message).toMatchObject({ status: "published", body: "Fine, you [redacted], it works." });
    expect(await decisionsOf(message.id)).toMatchObject([{ outcome: "redact", policy: "redact" }]);
    expect(await itemsOf(message.id)).toMatchObject([{ kind: "message_redacted", status: "open" }]);
    const own = await (await app.as(ann.id)).message.history({ id: message.id });
    expect(own.revisions.map((r) => r.body)).toEqual(["Fine, you idiot, it works."]);
    expect((await (await app.as(bob.id)).message.history({ id: message.id })).revisions).toEqual([]);
    expect((await (await app.as(null)).message.history({ id: message.id })).revisions).toEqual([]);
  });

  it("a score under the threshold is allowed (and recorded)", async () => {
    await setPolicy("reject", 0.9);
    const model: ToxicityChecker = {
      check: () => Promise.resolve({ label: "toxic", score: 0.85, provider: "huggingface", spans: [] }),
    };
    const message = await createMessage({ db: app.db, events: app.bus, toxicity: model }, await viewerOf(ann.id), {
      discussionId,
      body: "Borderline but fine.",
    });
    expect(message.status).toBe("published");
    expect(await decisionsOf(message.id)).toEqual([{ outcome: "allow", policy: "reject", label: "toxic", score: 0.85, provider: "huggingface" }]);
  });

  it("checks a discussion's first message: a held one leaves the count at zero", async () => {
    await setPolicy("hold");
    const discussion = await (await app.as(ann.id)).discussion.create({ title: "Rant", body: "You are all idiots." });
    expect(discussion.messageCount).toBe(0);
    const [first] = await app.db.message.findMany({ where: { discussionId: discussion.id } });
    expect(first).toMatchObject({ status: "held" });
    expect(await decisionsOf(first!.id)).toMatchObject([{ outcome: "hold" }]);
  });

  it("checks edits: a published message edited into abuse is held and withdrawn from the count", async () => {
    await setPolicy("hold");
    const asAnn = await app.as(ann.id);
    const message = await asAnn.message.create({ discussionId, body: "All good here." });
    const before = await countOf();
    const edited = await asAnn.message.edit({ id: message.id, body: "All good here, morons." });
    expect(edited).toMatchObject({ status: "held", body: "All good here, morons." });
    expect(await countOf()).toBe(before - 1);
    expect((await decisionsOf(message.id)).map((d) => d.outcome)).toEqual(["allow", "hold"]);
    // Editing it clean again does not publish it: only a moderator does.
    const again = await asAnn.message.edit({ id: message.id, body: "All good here." });
    expect(again.status).toBe("held");
  });

  it("records the classifier's own label and score (a model's verdict)", async () => {
    await setPolicy("hold", 0.9);
    const model: ToxicityChecker = {
      check: () => Promise.resolve({ label: "insult", score: 0.93, provider: "huggingface", spans: [] }),
    };
    const message = await createMessage({ db: app.db, events: app.bus, toxicity: model }, await viewerOf(ann.id), {
      discussionId,
      body: "Words the word list does not know.",
    });
    expect(message.status).toBe("held");
    expect(await decisionsOf(message.id)).toEqual([{ outcome: "hold", policy: "hold", label: "insult", score: 0.93, provider: "huggingface" }]);
    expect(await itemsOf(message.id)).toMatchObject([{ kind: "message_held", label: "insult", score: 0.93 }]);
  });

  it("falls back to the word list when the classifier throws", async () => {
    await setPolicy("reject");
    const broken: ToxicityChecker = { check: () => Promise.reject(new Error("network down")) };
    const message = await createMessage({ db: app.db, events: app.bus, toxicity: broken }, await viewerOf(ann.id), {
      discussionId,
      body: "Screw you.",
    });
    expect(message.status).toBe("rejected");
    expect(await decisionsOf(message.id)).toMatchObject([{ outcome: "reject", provider: "lexicon" }]);
  });
});
