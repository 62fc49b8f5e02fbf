import { type TrackedEnvelope } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "../src/events/cursor";
import { currentHorizon } from "../src/events/outbox";
import { notifyForMessage } from "../src/services/notifications";
import { type NotificationCreatedEvent } from "../src/views/notification";
import { expectTRPCError, useTestApp } from "./harness";

const app = useTestApp();

let ann: { id: string };
let bob: { id: string };
let cleo: { id: string };
let discussionId: string;

beforeAll(async () => {
  ann = await app.register("Ann");
  bob = await app.register("Bob");
  cleo = await app.register("Cleo");
  const discussion = await (await app.as(ann.id)).discussion.create({ title: "Mentions", body: "opening" });
  discussionId = discussion.id;
});

/** The event inside a tracked item the subscription yielded. */
const eventOf = (result: IteratorResult<unknown>) => (result.value as TrackedEnvelope<NotificationCreatedEvent> | undefined)?.[1];

const notificationsOf = (userId: string, messageId: string) =>
  app.db.notification.findMany({ where: { userId, messageId }, select: { kind: true, actorId: true } });

describe("mentions", () => {
  it("notify each mentioned account once, never the author, and ignore unknown handles", async () => {
    const asAnn = await app.as(ann.id);
    const message = await asAnn.message.create({ discussionId, body: "@bob and @BOB, also @ann and @nobody-here" });
    expect(await notificationsOf(bob.id, message.id)).toEqual([{ kind: "mention", actorId: ann.id }]);
    expect(await notificationsOf(ann.id, message.id)).toEqual([]);
    expect(await app.db.notification.count({ where: { messageId: message.id } })).toBe(1);
  });

  it("in a discussion's opening message notify too", async () => {
    const discussion = await (await app.as(ann.id)).discussion.create({ title: "Opening mention", body: "@cleo what do you think?" });
    const opening = await app.db.message.findFirstOrThrow({ where: { discussionId: discussion.id }, select: { id: true } });
    expect(await notificationsOf(cleo.id, opening.id)).toEqual([{ kind: "mention", actorId: ann.id }]);
  });

  it("ignore handles in code and links", async () => {
    const message = await (await app.as(ann.id)).message.create({
      discussionId,
      body: "`@bob` and [@cleo](https://example.test) and\n\n```\n@bob\n```",
    });
    expect(await app.db.notification.count({ where: { messageId: message.id } })).toBe(0);
  });

  it("on an edit notify only accounts newly mentioned, without duplicates", async () => {
    const asAnn = await app.as(ann.id);
    const message = await asAnn.message.create({ discussionId, body: "hello @bob" });
    await asAnn.message.edit({ id: message.id, body: "hello @bob and @cleo" });
    await asAnn.message.edit({ id: message.id, body: "hello @cleo" });
    await asAnn.message.edit({ id: message.id, body: "hello @cleo and @bob again" });
    expect(await notificationsOf(bob.id, message.id)).toHaveLength(1);
    expect(await notificationsOf(cleo.id, message.id)).toEqual([{ kind: "mention", actorId: ann.id }]);
  });

  it("held messages notify nobody until approved (notifyForMessage), then once", async () => {
    const message = await (await app.as(ann.id)).message.create({ discussionId, body: "psst @cleo" });
    await app.db.notification.deleteMany({ where: { messageId: message.id } });
    await app.db.message.update({ where: { id: message.id }, data: { status: "held" } });
    await app.db.$transaction((tx) => notifyForMessage(tx, message.id));
    expect(await notificationsOf(cleo.id, message.id)).toEqual([]);
    await app.db.message.update({ where: { id: message.id }, data: { status: "published" } });
    await app.db.$transaction((tx) => notifyForMessage(tx, message.id));
    await app.db.$transaction((tx) => notifyForMessage(tx, message.id));
    expect(await notificationsOf(cleo.id, message.id)).toEqual([{ kind: "mention", actorId: ann.id }]);
  });
});

describe("replies", () => {
  it("notify the parent's author (once, as a reply, even when also mentioned), not someone replying to themselves", async () => {
    const parent = await (await app.as(bob.id)).message.create({ discussionId, body: "a question" });
    const reply = await (await app.as(cleo.id)).message.create({ discussionId, parentId: parent.id, body: "@bob an answer" });
    expect(await notificationsOf(bob.id, reply.id)).toEqual([{ kind: "reply", actorId: cleo.id }]);
    const own = await (await app.as(bob.id)).message.create({ discussionId, parentId: parent.id, body: "and more" });
    expect(await app.db.notification.count({ where: { messageId: own.id } })).toBe(0);
  });
});

describe("reading notifications", () => {
  it("lists newest first, counts unread, marks some or all read, and only one's own", async () => {
    const dana = await app.register("Dana");
    const asAnn = await app.as(ann.id);
    const first = await asAnn.message.create({ discussionId, body: "one @dana" });
    const second = await asAnn.message.create({ discussionId, body: "two @dana" });
    const asDana = await app.as(dana.id);

    const list = await asDana.notification.list({});
    expect(list.items.map((n) => n.message.id)).toEqual([second.id, first.id]);
    expect(list.items[0]).toMatchObject({
      kind: "mention",
      actor: { id: ann.id, handle: "ann" },
      discussion: { id: discussionId, title: "Mentions" },
      message: { excerpt: "two @dana" },
      readAt: null,
    });
    expect(await asDana.notification.unreadCount()).toEqual({ count: 2 });

    // Someone else's ids change nothing.
    expect((await (await app.as(bob.id)).notification.markRead({ ids: [list.items[0]!.id] })).updated).toBe(0);

    expect(await asDana.notification.markRead({ ids: [list.items[0]!.id] })).toEqual({ updated: 1, unreadCount: 1 });
    const unread = await asDana.notification.list({ unreadOnly: true });
    expect(unread.items.map((n) => n.message.id)).toEqual([first.id]);
    expect(await asDana.notification.markRead({ all: true })).toEqual({ updated: 1, unreadCount: 0 });
    expect((await asDana.notification.list({ unreadOnly: true })).items).toEqual([]);

    const page = await asDana.notification.list({ limit: 1 });
    expect(page.items.map((n) => n.message.id)).toEqual([second.id]);
    const next = await asDana.notification.list({ limit: 1, cursor: page.nextCursor });
    expect(next.items.map((n) => n.message.id)).toEqual([first.id]);
    expect(next.nextCursor).toBeNull();
  });

  it("drops notifications of deleted messages", async () => {
    const erin = await app.register("Erin");
    const asAnn = await app.as(ann.id);
    const message = await asAnn.message.create({ discussionId, body: "@erin look" });
    const asErin = await app.as(erin.id);
    expect(await asErin.notification.unreadCount()).toEqual({ count: 1 });
    await asAnn.message.delete({ id: message.id });
    expect(await asErin.notification.unreadCount()).toEqual({ count: 0 });
    expect((await asErin.notification.list({})).items).toEqual([]);
  });

  it("refuses anonymous callers and a request that gives neither ids nor all", async () => {
    await expectTRPCError((await app.as(null)).notification.list({}), "UNAUTHORIZED");
    await expectTRPCError((await app.as(bob.id)).notification.markRead({}), "BAD_REQUEST");
  });
});

describe("live.notifications", () => {
  it("delivers a notification to its recipient only", async () => {
    const from = encodeCursor(await currentHorizon(app.db));
    const bobStream = (await (await app.as(bob.id)).live.notifications({ lastEventId: from }))[Symbol.asyncIterator]();
    const cleoStream = (await (await app.as(cleo.id)).live.notifications({ lastEventId: from }))[Symbol.asyncIterator]();
    const asAnn = await app.as(ann.id);
    const forBob = await asAnn.message.create({ discussionId, body: "live @bob" });
    const forCleo = await asAnn.message.create({ discussionId, body: "live @cleo" });

    const bobFirst = await bobStream.next();
    // Events arrive in outbox order: had Cleo's stream let Bob's through, it would come first.
    const cleoFirst = await cleoStream.next();
    expect(eventOf(bobFirst)).toMatchObject({ type: "notification.created", userId: bob.id, notification: { message: { id: forBob.id } } });
    expect(eventOf(cleoFirst)).toMatchObject({ type: "notification.created", userId: cleo.id, notification: { message: { id: forCleo.id } } });
    await bobStream.return?.();
    await cleoStream.return?.();
  });

  it("refuses anonymous subscribers", async () => {
    await expectTRPCError((async () => (await app.as(null)).live.notifications({}))(), "UNAUTHORIZED");
  });
});

describe("user.search", () => {
  it("finds accounts by handle or display-name prefix, signed in only", async () => {
    const asBob = await app.as(bob.id);
    expect((await asBob.user.search({ prefix: "cl" })).items).toEqual([{ id: cleo.id, handle: "cleo", displayName: "Cleo" }]);
    expect((await asBob.user.search({ prefix: "@AN" })).items.map((u) => u.handle)).toEqual(["ann"]);
    expect((await asBob.user.search({ prefix: "zz" })).items).toEqual([]);
    await expectTRPCError((await app.as(null)).user.search({ prefix: "a" }), "UNAUTHORIZED");
  });
});
