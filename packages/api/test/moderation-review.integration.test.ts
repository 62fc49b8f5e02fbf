import { type TrackedEnvelope } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "../src/events/cursor";
import { currentHorizon } from "../src/events/outbox";
import { type ReviewQueueEvent } from "../src/moderation/events";
import { RATE_LIMITS_SETTING } from "../src/rate-limit/defaults";
import { raiseRateLimits } from "../src/testing/rate-limits";
import { expectTRPCError, useTestApp } from "./harness";

const app = useTestApp();
let ann: { id: string };
let bob: { id: string };
let cleo: { id: string };
let mod: { id: string };
let discussionId: string;

beforeAll(async () => {
  await app.register("Admin", "admin");
  ann = await app.register("Ann");
  bob = await app.register("Bob");
  cleo = await app.register("Cleo");
  mod = await app.register("Mod", "moderator");
  discussionId = (await (await app.as(ann.id)).discussion.create({ title: "Review", body: "Start." })).id;
});

const post = async (body: string) => (await app.as(ann.id)).message.create({ discussionId, body });
const openItemOf = async (messageId: string) =>
  app.db.reviewItem.findFirstOrThrow({ where: { messageId, status: "open" }, select: { id: true, kind: true, occurrences: true } });
const lastAudit = () => app.db.auditLog.findFirstOrThrow({ orderBy: { id: "desc" } });
const queueEventOf = (result: IteratorResult<unknown>) => (result.value as TrackedEnvelope<ReviewQueueEvent> | undefined)?.[1];

describe("flag.create", () => {
  it("opens one item per message, bumped by each member's flag, listed with the reasons", async () => {
    const message = await post("Visit my shop, best prices");
    const flag = await (await app.as(bob.id)).flag.create({ messageId: message.id, reason: "spam", note: "third time today" });
    expect(flag).toMatchObject({ messageId: message.id, reason: "spam", note: "third time today" });
    await (await app.as(cleo.id)).flag.create({ messageId: message.id, reason: "off_topic" });
    expect(await openItemOf(message.id)).toMatchObject({ kind: "message_flagged", occurrences: 2 });

    const { items } = await (await app.as(mod.id)).review.list({ kind: "message_flagged" });
    const item = items.find((i) => i.message?.id === message.id);
    expect(item).toMatchObject({
      status: "open",
      occurrences: 2,
      message: { body: "Visit my shop, best prices", author: { id: ann.id }, discussion: { id: discussionId, title: "Review" } },
      subject: { id: ann.id },
    });
    expect(item?.flags.map((f) => [f.reporter.id, f.reason])).toEqual([
      [bob.id, "spam"],
      [cleo.id, "off_topic"],
    ]);
  });

  it("refuses a second flag by the same member, a flag on one's own message, and anonymous callers", async () => {
    const message = await post("An opinion");
    await (await app.as(bob.id)).flag.create({ messageId: message.id, reason: "abuse" });
    await expectTRPCError((await app.as(bob.id)).flag.create({ messageId: message.id, reason: "other" }), "CONFLICT");
    await expectTRPCError((await app.as(ann.id)).flag.create({ messageId: message.id, reason: "spam" }), "FORBIDDEN");
    await expectTRPCError((await app.as(null)).flag.create({ messageId: message.id, reason: "spam" }), "UNAUTHORIZED");
    expect(await app.db.flag.count({ where: { messageId: message.id } })).toBe(1);
  });
});

describe("review.resolve", () => {
  async function flagged(body: string) {
    const message = await post(body);
    await (await app.as(bob.id)).flag.create({ messageId: message.id, reason: "abuse" });
    return { message, item: await openItemOf(message.id) };
  }

  it("is for moderators only", async () => {
    const { item } = await flagged("Members cannot resolve this");
    await expectTRPCError((await app.as(bob.id)).review.resolve({ id: item.id, action: "dismiss" }), "FORBIDDEN");
    await expectTRPCError((await app.as(bob.id)).review.list({}), "FORBIDDEN");
  });

  it("approve publishes a held message, with an audit row, and closes every open item of it", async () => {
    const held = await post("Shut up and listen");
    expect(held.status).toBe("held");
    const item = await openItemOf(held.id);
    const resolved = await (await app.as(mod.id)).review.resolve({ id: item.id, action: "approve" });
    expect(resolved).toMatchObject({ status: "approved", resolution: "approve", resolvedBy: { id: mod.id }, message: { status: "published" } });
    expect(await lastAudit()).toMatchObject({
      actorId: mod.id,
      action: "review.approve",
      targetType: "message",
      targetId: held.id,
      before: { reviewItemId: item.id, message: { status: "held" } },
      after: { status: "approved", message: { status: "published" } },
    });
    expect(await app.db.reviewItem.count({ where: { messageId: held.id, status: "open" } })).toBe(0);
    await expectTRPCError((await app.as(mod.id)).review.resolve({ id: item.id, action: "reject" }), "CONFLICT");
  });

  it("approve notifies whoever a held message mentions, once it is out", async () => {
    const held = await post("@bob shut up");
    expect(held.status).toBe("held");
    const notified = () => app.db.notification.count({ where: { userId: bob.id, messageId: held.id } });
    expect(await notified()).toBe(0);
    await (await app.as(mod.id)).review.resolve({ id: (await openItemOf(held.id)).id, action: "approve" });
    expect(await notified()).toBe(1);
  });

  it("reject keeps the message for its author with the moderator's reason", async () => {
    const { message, item } = await flagged("Rude but not in the word list");
    await (await app.as(mod.id)).review.resolve({ id: item.id, action: "reject", reason: "Personal attack" });
    expect(await app.db.message.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: "rejected", statusReason: "Personal attack" });
    expect(await lastAudit()).toMatchObject({ action: "review.reject", before: { message: { status: "published" } }, after: { status: "rejected", message: { status: "rejected", statusReason: "Personal attack" } } });
    expect(await app.db.flag.count({ where: { messageId: message.id, resolvedAt: null } })).toBe(0);
  });

  it("redact replaces the word-list spans and keeps the original as a revision", async () => {
    await app.db.siteSetting.upsert({
      where: { key: "moderation.posting" },
      create: { key: "moderation.posting", value: { action: "flag", threshold: 0.8 } },
      update: { value: { action: "flag", threshold: 0.8 } },
    });
    const message = await post("Well, you idiot, read the docs");
    await app.db.siteSetting.delete({ where: { key: "moderation.posting" } });
    const item = await openItemOf(message.id);
    await (await app.as(mod.id)).review.resolve({ id: item.id, action: "redact" });
    const row = await app.db.message.findUniqueOrThrow({ where: { id: message.id }, include: { revisions: true } });
    expect(row).toMatchObject({ status: "published", body: "Well, you [redacted], read the docs" });
    expect(row.revisions.map((r) => r.body)).toEqual(["Well, you idiot, read the docs"]);
    expect(await lastAudit()).toMatchObject({ action: "review.redact", after: { message: { body: "Well, you [redacted], read the docs" } } });
  });

  it("edit rewrites the body (a body is required)", async () => {
    const { message, item } = await flagged("Original wording that needs a change");
    await expectTRPCError((await app.as(mod.id)).review.resolve({ id: item.id, action: "edit" }), "BAD_REQUEST");
    await (await app.as(mod.id)).review.resolve({ id: item.id, action: "edit", body: "Edited by a moderator" });
    expect(await app.db.message.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ body: "Edited by a moderator", status: "published" });
    expect(await lastAudit()).toMatchObject({ action: "review.edit", before: { message: { body: "Original wording that needs a change" } }, after: { message: { body: "Edited by a moderator" } } });
  });

  it("dismiss closes the item and leaves the message alone", async () => {
    const { message, item } = await flagged("Harmless after all");
    await (await app.as(mod.id)).review.resolve({ id: item.id, action: "dismiss" });
    expect(await app.db.message.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ body: "Harmless after all", status: "published" });
    expect(await app.db.reviewItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ status: "dismissed", openKey: null });
    expect(await lastAudit()).toMatchObject({ action: "review.dismiss", after: { status: "dismissed" } });
    // A later flag opens a new item.
    await (await app.as(cleo.id)).flag.create({ messageId: message.id, reason: "spam" });
    expect((await openItemOf(message.id)).id).not.toBe(item.id);
  });

  it("keeps audit rows append-only", async () => {
    const row = await lastAudit();
    await expect(app.db.auditLog.update({ where: { id: row.id }, data: { action: "forged" } })).rejects.toThrow(/append-only/);
    await expect(app.db.auditLog.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/);
  });
});

describe("live.reviewQueue", () => {
  it("delivers a new item to moderators", async () => {
    const from = encodeCursor(await currentHorizon(app.db));
    const queue = (await (await app.as(mod.id)).live.reviewQueue({ lastEventId: from }))[Symbol.asyncIterator]();
    const message = await post("Flag me");
    await (await app.as(bob.id)).flag.create({ messageId: message.id, reason: "spam" });
    expect(queueEventOf(await queue.next())).toMatchObject({
      type: "review.item.opened",
      item: { kind: "message_flagged", status: "open", messageId: message.id, occurrences: 1 },
    });
    const item = await openItemOf(message.id);
    await (await app.as(mod.id)).review.resolve({ id: item.id, action: "dismiss" });
    expect(queueEventOf(await queue.next())).toMatchObject({ type: "review.item.resolved", item: { id: item.id, status: "dismissed" } });
    await queue.return?.();
  });

  it("is refused to members", async () => {
    await expectTRPCError((async () => (await app.as(bob.id)).live.reviewQueue({}))(), "FORBIDDEN");
  });
});

describe("accounts that hit rate limits", () => {
  it("are queued from the third refusal on", async () => {
    const target = await post("Flag target");
    const other = await post("Another flag target");
    const once = [{ limit: 1, perSeconds: 3600 }];
    await app.db.siteSetting.update({
      where: { key: RATE_LIMITS_SETTING },
      data: { value: { flag: { account: once, newAccount: once } } },
    });
    try {
      const asCleo = await app.as(cleo.id);
      await asCleo.flag.create({ messageId: target.id, reason: "spam" });
      const listed = async () =>
        (await (await app.as(mod.id)).review.list({ kind: "account_rate_limited" })).items.filter((i) => i.subject?.id === cleo.id);
      for (let refusal = 1; refusal <= 3; refusal++) {
        await expectTRPCError(asCleo.flag.create({ messageId: other.id, reason: "spam" }), "TOO_MANY_REQUESTS");
        expect(await listed()).toHaveLength(refusal >= 3 ? 1 : 0);
      }
      expect((await listed())[0]).toMatchObject({ kind: "account_rate_limited", occurrences: 3, reason: expect.any(String) as string });
    } finally {
      await raiseRateLimits(app.db);
    }
  });
});
