import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveViewer } from "../src/auth/viewer";
import { readPositionSql } from "../src/services/reading";
import { expectTRPCError } from "./harness";
import { useRestApp } from "./rest/fixture";

const rest = useRestApp();
const app = rest.app;

let ann: { id: string; token: string };
let bob: { id: string; token: string };
let discussionId: string;
/** The thread's messages in posting order: the opening post, then five replies. */
let ids: string[];

beforeAll(async () => {
  ann = await app.register("Ann");
  bob = await app.register("Bob");
  const asAnn = await app.as(ann.id);
  const discussion = await asAnn.discussion.create({ title: "Reading positions", body: "opening" });
  discussionId = discussion.id;
  const replies = [];
  for (let i = 1; i <= 5; i++)
    replies.push(await asAnn.message.create({ discussionId, body: `reply ${i}` }));
  const opening = await app.db.message.findFirstOrThrow({
    where: { discussionId, parentId: null },
    select: { id: true },
  });
  ids = [opening.id, ...replies.map((m) => m.id)];
});

const at = (i: number) => ids[i] ?? "missing";

describe("reading.position and reading.markRead", () => {
  it("start with no position on a first visit", async () => {
    const asBob = await app.as(bob.id);
    expect(await asBob.reading.position({ discussionId })).toEqual({
      lastReadMessageId: null,
      firstUnreadMessageId: null,
    });
  });

  it("move forward only, and the first unread is the next visible message", async () => {
    const asBob = await app.as(bob.id);
    expect(await asBob.reading.markRead({ discussionId, messageId: at(2) })).toEqual({
      lastReadMessageId: at(2),
      moved: true,
    });
    expect(await asBob.reading.position({ discussionId })).toEqual({
      lastReadMessageId: at(2),
      firstUnreadMessageId: at(3),
    });
    // An earlier message (a tab scrolled back, a slow request arriving late) leaves it where it is.
    expect(await asBob.reading.markRead({ discussionId, messageId: at(1) })).toEqual({
      lastReadMessageId: at(2),
      moved: false,
    });
    expect(await asBob.reading.markRead({ discussionId, messageId: at(2) })).toEqual({
      lastReadMessageId: at(2),
      moved: false,
    });
    expect(await asBob.reading.position({ discussionId })).toEqual({
      lastReadMessageId: at(2),
      firstUnreadMessageId: at(3),
    });
  });

  it("keep one row per member and discussion under concurrent marks, ending at the furthest", async () => {
    const asBob = await app.as(bob.id);
    await Promise.all(
      [4, 3, 5, 1, 3].map((i) => asBob.reading.markRead({ discussionId, messageId: at(i) })),
    );
    expect(await asBob.reading.position({ discussionId })).toEqual({
      lastReadMessageId: at(5),
      firstUnreadMessageId: null,
    });
    expect(await app.db.readPosition.count({ where: { userId: bob.id, discussionId } })).toBe(1);
  });

  it("skip deleted and hidden messages when finding the first unread", async () => {
    const cleo = await app.register("Cleo");
    const asCleo = await app.as(cleo.id);
    await asCleo.reading.markRead({ discussionId, messageId: at(0) });
    await app.db.message.update({ where: { id: at(1) }, data: { deletedAt: new Date() } });
    // Held for moderation: Cleo cannot see it, its author can.
    await app.db.message.update({ where: { id: at(2) }, data: { status: "held" } });
    expect((await asCleo.reading.position({ discussionId })).firstUnreadMessageId).toBe(at(3));
    const asAnn = await app.as(ann.id);
    await asAnn.reading.markRead({ discussionId, messageId: at(0) });
    expect((await asAnn.reading.position({ discussionId })).firstUnreadMessageId).toBe(at(2));
    // Nor may Cleo mark a message she cannot see as read.
    await expectTRPCError(asCleo.reading.markRead({ discussionId, messageId: at(2) }), "NOT_FOUND");
    await app.db.message.update({ where: { id: at(2) }, data: { status: "published" } });
  });

  it("never read or write another member's position", async () => {
    const dee = await app.register("Dee");
    const asDee = await app.as(dee.id);
    const bobBefore = await app.db.readPosition.findUniqueOrThrow({
      where: { userId_discussionId: { userId: bob.id, discussionId } },
    });
    // Bob has read everything; Dee has read nothing and sees that.
    expect(await asDee.reading.position({ discussionId })).toEqual({
      lastReadMessageId: null,
      firstUnreadMessageId: null,
    });
    await asDee.reading.markRead({ discussionId, messageId: at(1) });
    expect(await asDee.reading.position({ discussionId })).toEqual({
      lastReadMessageId: at(1),
      firstUnreadMessageId: at(2),
    });
    // Extra fields naming another account are stripped by the input schema, not obeyed.
    await asDee.reading.markRead({ discussionId, messageId: at(2), userId: bob.id } as {
      discussionId: string;
      messageId: string;
    });
    const bobAfter = await app.db.readPosition.findUniqueOrThrow({
      where: { userId_discussionId: { userId: bob.id, discussionId } },
    });
    expect(bobAfter).toEqual(bobBefore);
    expect(
      await app.db.readPosition.findMany({
        where: { discussionId, userId: dee.id },
        select: { lastReadId: true },
      }),
    ).toEqual([{ lastReadId: at(2) }]);
  });

  it("refuse anonymous callers, unknown discussions, messages of another discussion and bad ids", async () => {
    const anonymous = await app.as(null);
    await expectTRPCError(anonymous.reading.position({ discussionId }), "UNAUTHORIZED");
    await expectTRPCError(
      anonymous.reading.markRead({ discussionId, messageId: at(1) }),
      "UNAUTHORIZED",
    );
    const asBob = await app.as(bob.id);
    const missing = await expectTRPCError(
      asBob.reading.position({ discussionId: randomUUID() }),
      "NOT_FOUND",
    );
    expect(missing.message).toBe("Discussion not found");
    expect(
      (
        await expectTRPCError(
          asBob.reading.markRead({ discussionId: randomUUID(), messageId: at(1) }),
          "NOT_FOUND",
        )
      ).message,
    ).toBe("Discussion not found");
    const other = await (
      await app.as(ann.id)
    ).discussion.create({ title: "Elsewhere", body: "other opening" });
    expect(
      (
        await expectTRPCError(
          asBob.reading.markRead({ discussionId: other.id, messageId: at(1) }),
          "NOT_FOUND",
        )
      ).message,
    ).toBe("Message not found");
    await expectTRPCError(
      asBob.reading.markRead({ discussionId, messageId: "not-a-uuid" }),
      "BAD_REQUEST",
    );
  });
});

describe("the first unread message", () => {
  it("is found by an index bound at the read position, however long the thread", async () => {
    const fay = await app.register("Fay");
    const long = await (await app.as(ann.id)).discussion.create({ title: "Long", body: "start" });
    await app.db.$executeRaw`
      INSERT INTO messages (id, discussion_id, author_id, body, created_at)
      SELECT uuidv7(), ${long.id}::uuid, ${ann.id}::uuid, 'm' || n, now() + n * interval '1 second'
      FROM generate_series(1, 20000) AS n`;
    await app.db.$executeRaw`ANALYZE messages`;
    const target = await app.db.message.findFirstOrThrow({
      where: { discussionId: long.id, body: "m15000" },
      select: { id: true },
    });
    const asFay = await app.as(fay.id);
    await asFay.reading.markRead({ discussionId: long.id, messageId: target.id });
    const next = await app.db.message.findFirstOrThrow({
      where: { discussionId: long.id, body: "m15001" },
      select: { id: true },
    });
    expect((await asFay.reading.position({ discussionId: long.id })).firstUnreadMessageId).toBe(
      next.id,
    );
    const viewer = await resolveViewer(app.db, { bearerToken: null, sessionUserId: fay.id });
    if (!viewer) throw new Error("no viewer");
    const plan = (
      await app.db.$queryRaw<
        { "QUERY PLAN": string }[]
      >`EXPLAIN (ANALYZE, COSTS OFF) ${readPositionSql(viewer, long.id)}`
    )
      .map((line) => line["QUERY PLAN"])
      .join("\n");
    // The position is the scan's start (an Index Cond), so no earlier message is read and dropped.
    expect(plan).toMatch(
      /Index Cond: \(\(discussion_id = d\.id\) AND \(ROW\(created_at, id\) > ROW\(r\.last_read_at, r\.last_read_id\)\)\)/,
    );
    expect(plan).not.toMatch(/Rows Removed by Filter: [1-9]/);
  });
});

describe("over REST", () => {
  it("reads and moves the position, and names the bad field in a problem document", async () => {
    const erin = await app.register("Erin");
    const path = `/discussions/${discussionId}/read-position`;
    expect((await rest.call("GET", path)).status).toBe(401);
    const first = await rest.call("GET", path, { as: { bearer: erin.token } });
    expect(first).toMatchObject({
      status: 200,
      json: { lastReadMessageId: null, firstUnreadMessageId: null },
    });
    const marked = await rest.call("POST", path, {
      as: { bearer: erin.token },
      body: { messageId: at(3) },
    });
    expect(marked).toMatchObject({ status: 200, json: { lastReadMessageId: at(3), moved: true } });
    expect((await rest.call("GET", path, { as: { bearer: erin.token } })).json).toEqual({
      lastReadMessageId: at(3),
      firstUnreadMessageId: at(4),
    });
    const bad = await rest.call("POST", path, {
      as: { bearer: erin.token },
      body: { messageId: "nope" },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    expect(bad.text).toContain("messageId");
  });
});
