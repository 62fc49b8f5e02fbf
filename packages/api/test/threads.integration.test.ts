import { beforeAll, describe, expect, it } from "vitest";
import { expectTRPCError, useTestApp } from "./harness";

const app = useTestApp();
type Caller = Awaited<ReturnType<typeof app.as>>;
let alice: Caller;
let bob: Caller;
let mod: Caller;

beforeAll(async () => {
  alice = await app.as((await app.register("Alice")).id);
  bob = await app.as((await app.register("Bob")).id);
  mod = await app.as((await app.register("Mia", "moderator")).id);
});

describe("discussions", () => {
  it("lists newest activity first with a keyset cursor and a status filter", async () => {
    const created = [];
    for (let i = 0; i < 5; i++)
      created.push(await alice.discussion.create({ title: `Thread number ${i}`, body: "body" }));
    const [oldest] = created;
    await bob.message.create({ discussionId: oldest!.id, body: "bump" });
    await alice.discussion.update({ id: created[1]!.id, status: "closed" });

    const first = await bob.discussion.list({ limit: 2 });
    // The reply bumped thread 0; closing thread 1 is not activity and moves nothing.
    expect(first.items.map((d) => d.title)).toEqual(["Thread number 0", "Thread number 4"]);
    expect(first.nextCursor).not.toBeNull();
    const rest = await bob.discussion.list({ limit: 10, cursor: first.nextCursor });
    expect(rest.items.map((d) => d.title)).toEqual([
      "Thread number 3",
      "Thread number 2",
      "Thread number 1",
    ]);
    expect(rest.nextCursor).toBeNull();

    const closed = await bob.discussion.list({ status: "closed" });
    expect(closed.items.map((d) => d.id)).toEqual([created[1]!.id]);
    const bumped = first.items[0]!;
    expect(bumped.messageCount).toBe(2);
  });

  it("filters by label", async () => {
    const d = await alice.discussion.create({ title: "Labelled thread", body: "x" });
    const label = await app.db.label.create({ data: { name: "question" } });
    await app.db.discussionLabel.create({ data: { discussionId: d.id, labelId: label.id } });
    const listed = await bob.discussion.list({ labelId: label.id });
    expect(listed.items.map((i) => i.id)).toEqual([d.id]);
    expect(listed.items[0]!.labels).toEqual([{ id: label.id, name: "question", color: "#64748b" }]);
  });

  it("validates inputs with clear errors", async () => {
    await expectTRPCError(alice.discussion.create({ title: "no", body: "x" }), "BAD_REQUEST");
    await expectTRPCError(
      alice.discussion.create({ title: "Fine title", body: "x".repeat(20_001) }),
      "BAD_REQUEST",
    );
    await expectTRPCError(
      alice.discussion.create({ title: "Fine title", body: "   " }),
      "BAD_REQUEST",
    );
    await expectTRPCError(bob.discussion.list({ limit: 1000 }), "BAD_REQUEST");
    await expectTRPCError(bob.discussion.list({ cursor: "garbage" }), "BAD_REQUEST");
    await expectTRPCError(bob.discussion.get({ id: "not-a-uuid" }), "BAD_REQUEST");
    await expectTRPCError(bob.discussion.get({ id: crypto.randomUUID() }), "NOT_FOUND");
    await expectTRPCError(
      alice.discussion.update({ id: crypto.randomUUID(), title: "Whatever" }),
      "NOT_FOUND",
    );
  });

  it("lets a moderator close someone's discussion and records it in the audit log", async () => {
    const d = await alice.discussion.create({ title: "To be closed", body: "x" });
    const closed = await mod.discussion.update({ id: d.id, status: "closed" });
    expect(closed.status).toBe("closed");
    const audit = await app.db.auditLog.findFirstOrThrow({ where: { targetId: d.id } });
    expect(audit).toMatchObject({
      action: "discussion.updated",
      before: { status: "open" },
      after: { status: "closed" },
    });
  });
});

describe("messages", () => {
  it("keeps replies attached to their parent, in posting order, across pages", async () => {
    const d = await alice.discussion.create({ title: "Threaded", body: "root" });
    const {
      items: [root],
    } = await bob.message.list({ discussionId: d.id });
    const reply = await bob.message.create({
      discussionId: d.id,
      parentId: root!.id,
      body: "reply",
    });
    const nested = await alice.message.create({
      discussionId: d.id,
      parentId: reply.id,
      body: "nested",
    });
    await alice.message.create({ discussionId: d.id, body: "top level" });
    const page1 = await bob.message.list({ discussionId: d.id, limit: 2 });
    const page2 = await bob.message.list({
      discussionId: d.id,
      limit: 2,
      cursor: page1.nextCursor,
    });
    const all = [...page1.items, ...page2.items];
    expect(all.map((m) => [m.body, m.parentId])).toEqual([
      ["root", null],
      ["reply", root!.id],
      ["nested", reply.id],
      ["top level", null],
    ]);
    expect(nested.author.handle).toBe("alice");
    expect(page2.nextCursor).toBeNull();
  });

  it("pages from either end and from a message, in both directions, to the same sequence", async () => {
    const d = await alice.discussion.create({ title: "Long", body: "m0" });
    for (let i = 1; i < 7; i++)
      await (i % 2 ? bob : alice).message.create({ discussionId: d.id, body: `m${i}` });
    const bodies = (page: { items: { body: string }[] }) => page.items.map((m) => m.body);

    const newest = await bob.message.list({ discussionId: d.id, direction: "backward", limit: 3 });
    expect(bodies(newest)).toEqual(["m4", "m5", "m6"]);
    expect(newest.nextCursor).toBeNull();
    const older = await bob.message.list({
      discussionId: d.id,
      direction: "backward",
      cursor: newest.prevCursor,
      limit: 3,
    });
    expect(bodies(older)).toEqual(["m1", "m2", "m3"]);
    const oldest = await bob.message.list({
      discussionId: d.id,
      direction: "backward",
      cursor: older.prevCursor,
      limit: 3,
    });
    expect(bodies(oldest)).toEqual(["m0"]);
    expect(oldest.prevCursor).toBeNull();

    const first = await bob.message.list({ discussionId: d.id, limit: 3 });
    expect(bodies(first)).toEqual(["m0", "m1", "m2"]);
    expect(first.prevCursor).toBeNull();
    const anchored = await bob.message.list({
      discussionId: d.id,
      anchor: first.items[2]!.id,
      limit: 2,
    });
    expect(bodies(anchored)).toEqual(["m2", "m3"]);
    const before = await bob.message.list({
      discussionId: d.id,
      direction: "backward",
      cursor: anchored.prevCursor,
      limit: 5,
    });
    expect(bodies(before)).toEqual(["m0", "m1"]);
    const after = await bob.message.list({
      discussionId: d.id,
      cursor: anchored.nextCursor,
      limit: 5,
    });
    expect(bodies(after)).toEqual(["m4", "m5", "m6"]);
    expect(after.nextCursor).toBeNull();

    const elsewhere = await alice.discussion.create({ title: "Other", body: "x" });
    await expectTRPCError(
      bob.message.list({ discussionId: elsewhere.id, anchor: first.items[0]!.id }),
      "NOT_FOUND",
    );
  });

  it("announces a post with the message and the discussion as discussion.get shows it", async () => {
    const d = await alice.discussion.create({ title: "Announced", body: "first" });
    const message = await bob.message.create({ discussionId: d.id, body: "second" });
    const rows = await app.db.event.findMany({
      where: { discussionId: d.id },
      orderBy: { id: "asc" },
      select: { payload: true },
    });
    const [created, updated] = rows.slice(-2).map((row) => row.payload);
    expect(created).toEqual({ type: "message.created", message });
    expect(updated).toEqual({
      type: "discussion.updated",
      discussion: await bob.discussion.get({ id: d.id }),
    });
  });

  it("refuses replies to a message of another discussion", async () => {
    const a = await alice.discussion.create({ title: "Thread A", body: "a" });
    const b = await alice.discussion.create({ title: "Thread B", body: "b" });
    const {
      items: [inA],
    } = await bob.message.list({ discussionId: a.id });
    await expectTRPCError(
      bob.message.create({ discussionId: b.id, parentId: inA!.id, body: "cross" }),
      "NOT_FOUND",
    );
  });

  it("keeps the edit history and shows it", async () => {
    const d = await alice.discussion.create({ title: "Edits", body: "v1" });
    const {
      items: [m],
    } = await alice.message.list({ discussionId: d.id });
    await alice.message.edit({ id: m!.id, body: "v2" });
    const edited = await alice.message.edit({ id: m!.id, body: "v3" });
    expect(edited).toMatchObject({ body: "v3", revisionCount: 2 });
    expect(edited.editedAt).not.toBeNull();
    const history = await bob.message.history({ id: m!.id });
    expect(history.revisions.map((r) => r.body)).toEqual(["v2", "v1"]);
  });

  it("soft-deletes: the row stays, the body goes, replies keep their parent", async () => {
    const d = await alice.discussion.create({ title: "Deletes", body: "keep me" });
    const {
      items: [m],
    } = await alice.message.list({ discussionId: d.id });
    await bob.message.create({ discussionId: d.id, parentId: m!.id, body: "reply to deleted" });
    const deleted = await alice.message.delete({ id: m!.id });
    expect(deleted).toMatchObject({ body: "" });
    expect(deleted.deletedAt).not.toBeNull();
    const { items } = await bob.message.list({ discussionId: d.id });
    expect(items.map((i) => i.body)).toEqual(["", "reply to deleted"]);
    expect(items[1]!.parentId).toBe(m!.id);
    await expectTRPCError(alice.message.edit({ id: m!.id, body: "back" }), "CONFLICT");
    await expectTRPCError(
      bob.message.create({ discussionId: d.id, parentId: m!.id, body: "x" }),
      "CONFLICT",
    );
    expect((await bob.message.history({ id: m!.id })).revisions).toEqual([]);
  });

  it("refuses new messages and edits once the discussion is closed", async () => {
    const d = await alice.discussion.create({ title: "Closing", body: "x" });
    const {
      items: [m],
    } = await alice.message.list({ discussionId: d.id });
    await alice.discussion.update({ id: d.id, status: "closed" });
    const error = await expectTRPCError(
      bob.message.create({ discussionId: d.id, body: "late" }),
      "CONFLICT",
    );
    expect(error.message).toMatch(/closed/);
    await expectTRPCError(alice.message.edit({ id: m!.id, body: "late edit" }), "CONFLICT");
  });
});
