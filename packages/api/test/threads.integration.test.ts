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
    for (let i = 0; i < 5; i++) created.push(await alice.discussion.create({ title: `Thread number ${i}`, body: "body" }));
    const [oldest] = created;
    await bob.message.create({ discussionId: oldest!.id, body: "bump" });
    await alice.discussion.update({ id: created[1]!.id, status: "closed" });

    const first = await bob.discussion.list({ limit: 2 });
    // The reply bumped thread 0; closing thread 1 is not activity and moves nothing.
    expect(first.items.map((d) => d.title)).toEqual(["Thread number 0", "Thread number 4"]);
    expect(first.nextCursor).not.toBeNull();
    const rest = await bob.discussion.list({ limit: 10, cursor: first.nextCursor });
    expect(rest.items.map((d) => d.title)).toEqual(["Thread number 3", "Thread number 2", "Thread number 1"]);
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
    await expectTRPCError(alice.discussion.create({ title: "Fine title", body: "x".repeat(20_001) }), "BAD_REQUEST");
    await expectTRPCError(alice.discussion.create({ title: "Fine title", body: "   " }), "BAD_REQUEST");
    await expectTRPCError(bob.discussion.list({ limit: 1000 }), "BAD_REQUEST");
    await expectTRPCError(bob.discussion.list({ cursor: "garbage" }), "BAD_REQUEST");
    await expectTRPCError(bob.discussion.get({ id: "not-a-uuid" }), "BAD_REQUEST");
    await expectTRPCError(bob.discussion.get({ id: crypto.randomUUID() }), "NOT_FOUND");
    await expectTRPCError(alice.discussion.update({ id: crypto.randomUUID(), title: "Whatever" }), "NOT_FOUND");
  });

  it("lets a moderator close someone's discussion and records it in the audit log", async () => {
    const d = await alice.discussion.create({ title: "To be closed", body: "x" });
    const closed = await mod.discussion.update({ id: d.id, status: "closed" });
    expect(closed.status).toBe("closed");
    const audit = await app.db.auditLog.findFirstOrThrow({ where: { targetId: d.id } });
    expect(audit).toMatchObject({ action: "discussion.updated", before: { status: "open" }, after: { status: "closed" } });
  });
});

describe("messages", () => {
  it("keeps replies attached to their parent, in posting order, across pages", async () => {
    const d = await alice.discussion.create({ title: "Threaded", body: "root" });
    const { items: [root] } = await bob.message.list({ discussionId: d.id });
    const reply = await bob.message.create({ discussionId: d.id, parentId: root!.id, body: "reply" });
    const nested = await alice.message.create({ discussionId: d.id, parentId: reply.id, body: "nested" });
    await alice.message.create({ discussionId: d.id, body: "top level" });
    const page1 = await bob.message.list({ discussionId: d.id, limit: 2 });
    const page2 = await bob.message.list({ discussionId: d.id, limit: 2, cursor: page1.nextCursor });
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

  it("refuses replies to a message of another discussion", async () => {
    const a = await alice.discussion.create({ title: "Thread A", body: "a" });
    const b = await alice.discussion.create({ title: "Thread B", body: "b" });
    const { items: [inA] } = await bob.message.list({ discussionId: a.id });
    await expectTRPCError(bob.message.create({ discussionId: b.id, parentId: inA!.id, body: "cross" }), "NOT_FOUND");
  });

  it("keeps the edit history and shows it", async () => {
    const d = await alice.discussion.create({ title: "Edits", body: "v1" });
    const { items: [m] } = await alice.message.list({ discussionId: d.id });
    await alice.message.edit({ id: m!.id, body: "v2" });
    const edited = await alice.message.edit({ id: m!.id, body: "v3" });
    expect(edited).toMatchObject({ body: "v3", revisionCount: 2 });
    expect(edited.editedAt).not.toBeNull();
    const history = await bob.message.history({ id: m!.id });
    expect(history.revisions.map((r) => r.body)).toEqual(["v2", "v1"]);
  });

  it("soft-deletes: the row stays, the body goes, replies keep their parent", async () => {
    const d = await alice.discussion.create({ title: "Deletes", body: "keep me" });
    const { items: [m] } = await alice.message.list({ discussionId: d.id });
    await bob.message.create({ discussionId: d.id, parentId: m!.id, body: "reply to deleted" });
    const deleted = await alice.message.delete({ id: m!.id });
    expect(deleted).toMatchObject({ body: "" });
    expect(deleted.deletedAt).not.toBeNull();
    const { items } = await bob.message.list({ discussionId: d.id });
    expect(items.map((i) => i.body)).toEqual(["", "reply to deleted"]);
    expect(items[1]!.parentId).toBe(m!.id);
    await expectTRPCError(alice.message.edit({ id: m!.id, body: "back" }), "CONFLICT");
    await expectTRPCError(bob.message.create({ discussionId: d.id, parentId: m!.id, body: "x" }), "CONFLICT");
    expect((await bob.message.history({ id: m!.id })).revisions).toEqual([]);
  });

  it("refuses new messages and edits once the discussion is closed", async () => {
    const d = await alice.discussion.create({ title: "Closing", body: "x" });
    const { items: [m] } = await alice.message.list({ discussionId: d.id });
    await alice.discussion.update({ id: d.id, status: "closed" });
    const error = await expectTRPCError(bob.message.create({ discussionId: d.id, body: "late" }), "CONFLICT");
    expect(error.message).toMatch(/closed/);
    await expectTRPCError(alice.message.edit({ id: m!.id, body: "late edit" }), "CONFLICT");
  });
});
