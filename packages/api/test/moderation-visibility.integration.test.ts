import { type TrackedEnvelope } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "../src/events/cursor";
import { currentHorizon } from "../src/events/outbox";
import { type LiveThreadEvent } from "../src/events/types";
import { expectTRPCError, useTestApp } from "./harness";

// The default policy holds toxic text; the offline word list decides here.
const app = useTestApp();
let ann: { id: string };
let bob: { id: string };
let mod: { id: string };
let discussionId: string;

beforeAll(async () => {
  await app.register("Admin", "admin");
  ann = await app.register("Ann");
  bob = await app.register("Bob");
  mod = await app.register("Mod", "moderator");
  discussionId = (await (await app.as(ann.id)).discussion.create({ title: "Visibility", body: "Hello all." })).id;
});

const eventOf = (result: IteratorResult<unknown>) => (result.value as TrackedEnvelope<LiveThreadEvent> | undefined)?.[1];

async function streamAs(userId: string | null, from: string) {
  const caller = await app.as(userId);
  return (await caller.live.discussion({ discussionId, lastEventId: from }))[Symbol.asyncIterator]();
}

const idsIn = async (userId: string | null) =>
  (await (await app.as(userId)).message.list({ discussionId, limit: 100 })).items.map((m) => m.id);

describe("held and rejected messages", () => {
  it("are listed only for their author and moderators", async () => {
    const asAnn = await app.as(ann.id);
    const held = await asAnn.message.create({ discussionId, body: "Shut up, Bob." });
    await app.db.siteSetting.upsert({
      where: { key: "moderation.posting" },
      create: { key: "moderation.posting", value: { action: "reject", threshold: 0.8 } },
      update: { value: { action: "reject", threshold: 0.8 } },
    });
    const rejected = await asAnn.message.create({ discussionId, body: "You idiot." });
    await app.db.siteSetting.delete({ where: { key: "moderation.posting" } });
    expect([held.status, rejected.status]).toEqual(["held", "rejected"]);

    for (const viewer of [bob.id, null]) {
      const ids = await idsIn(viewer);
      expect(ids).not.toContain(held.id);
      expect(ids).not.toContain(rejected.id);
    }
    for (const viewer of [ann.id, mod.id]) expect(await idsIn(viewer)).toEqual(expect.arrayContaining([held.id, rejected.id]));
    const own = (await asAnn.message.list({ discussionId, limit: 100 })).items.find((m) => m.id === rejected.id);
    expect(own?.status).toBe("rejected");
    expect(own?.statusReason).toMatch(/Not published/);

    // Others cannot reply to it, nor read its history, nor flag it: it does not exist for them.
    await expectTRPCError((await app.as(bob.id)).message.create({ discussionId, parentId: held.id, body: "reply" }), "NOT_FOUND");
    await expectTRPCError((await app.as(bob.id)).message.history({ id: held.id }), "NOT_FOUND");
    await expectTRPCError((await app.as(bob.id)).flag.create({ messageId: held.id, reason: "abuse" }), "NOT_FOUND");
    // Its author can.
    expect((await asAnn.message.create({ discussionId, parentId: held.id, body: "To add to that" })).status).toBe("published");
  });

  it("never reach another member's live stream; the author and moderators get them", async () => {
    const from = encodeCursor(await currentHorizon(app.db));
    const bobStream = await streamAs(bob.id, from);
    const anonStream = await streamAs(null, from);
    const annStream = await streamAs(ann.id, from);
    const modStream = await streamAs(mod.id, from);
    const asAnn = await app.as(ann.id);
    const held = await asAnn.message.create({ discussionId, body: "Screw you all." });
    const clean = await asAnn.message.create({ discussionId, body: "Sorry, long day." });

    // Events arrive in outbox order: had the held one got through, it would come first.
    for (const stream of [bobStream, anonStream]) {
      expect(eventOf(await stream.next())).toMatchObject({ type: "message.created", message: { id: clean.id, status: "published" } });
    }
    for (const stream of [annStream, modStream]) {
      expect(eventOf(await stream.next())).toMatchObject({ type: "message.created", message: { id: held.id, status: "held" } });
    }

    // A moderator approves it: it appears live for everyone, and is counted.
    const before = (await app.db.discussion.findUniqueOrThrow({ where: { id: discussionId } })).messageCount;
    const [item] = await app.db.reviewItem.findMany({ where: { messageId: held.id, status: "open" } });
    await (await app.as(mod.id)).review.resolve({ id: item!.id, action: "approve" });
    for (const stream of [bobStream, anonStream]) {
      const next = eventOf(await stream.next()); // after the clean message's discussion.updated
      const event = next?.type === "discussion.updated" ? eventOf(await stream.next()) : next;
      expect(event).toMatchObject({ type: "message.updated", message: { id: held.id, status: "published", body: "Screw you all." } });
    }
    expect((await app.db.discussion.findUniqueOrThrow({ where: { id: discussionId } })).messageCount).toBe(before + 1);
    expect(await idsIn(bob.id)).toContain(held.id);
    for (const stream of [bobStream, anonStream, annStream, modStream]) await stream.return?.();
  });

  it("a published message that a moderator rejects is withdrawn live, without its content", async () => {
    const asAnn = await app.as(ann.id);
    const message = await asAnn.message.create({ discussionId, body: "Buy cheap watches at example.com" });
    const flagged = await (await app.as(bob.id)).flag.create({ messageId: message.id, reason: "spam" });
    const [item] = await app.db.reviewItem.findMany({ where: { messageId: flagged.messageId, status: "open" } });
    const from = encodeCursor(await currentHorizon(app.db));
    const bobStream = await streamAs(bob.id, from);
    const annStream = await streamAs(ann.id, from);
    await (await app.as(mod.id)).review.resolve({ id: item!.id, action: "reject", reason: "Advertising" });

    expect(eventOf(await bobStream.next())).toMatchObject({
      type: "message.updated",
      wasPublished: true,
      message: { id: message.id, status: "rejected", body: "", statusReason: null },
    });
    expect(eventOf(await annStream.next())).toMatchObject({
      type: "message.updated",
      message: { id: message.id, status: "rejected", body: "Buy cheap watches at example.com", statusReason: "Advertising" },
    });
    expect(await idsIn(bob.id)).not.toContain(message.id);
    await bobStream.return?.();
    await annStream.return?.();
  });
});
