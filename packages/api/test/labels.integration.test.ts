import { beforeAll, describe, expect, it } from "vitest";
import { currentHorizon, readEvents } from "../src/events/outbox";
import { expectTRPCError, useTestApp } from "./harness";

const app = useTestApp();
type Caller = Awaited<ReturnType<typeof app.as>>;
let admin: Caller;
let moderator: Caller;
let member: Caller;
let anonymous: Caller;

beforeAll(async () => {
  admin = await app.as((await app.register("Root", "admin")).id);
  moderator = await app.as((await app.register("Mod", "moderator")).id);
  member = await app.as((await app.register("Member")).id);
  anonymous = await app.as(null);
});

describe("labels", () => {
  it("lets admins alone manage the label set, with an audit entry", async () => {
    const bug = await admin.label.save({ name: "bug", color: "#dc2626", description: "Something is broken" });
    await expectTRPCError(moderator.label.save({ name: "mod-made" }), "FORBIDDEN");
    await expectTRPCError(member.label.save({ name: "member-made" }), "FORBIDDEN");
    await expectTRPCError(anonymous.label.save({ name: "anon" }), "UNAUTHORIZED");
    await expectTRPCError(admin.label.save({ name: "bug" }), "CONFLICT");
    await expectTRPCError(admin.label.save({ name: "x", color: "red" }), "BAD_REQUEST");

    const renamed = await admin.label.save({ id: bug.id, name: "defect", color: "#dc2626", description: "Broken" });
    expect(renamed.name).toBe("defect");
    expect((await anonymous.label.list()).map((l) => l.name)).toEqual(["defect"]);
    const audit = await app.db.auditLog.findMany({ where: { targetId: bug.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["label.created", "label.updated"]);
    expect(audit[1]).toMatchObject({ before: { name: "bug" }, after: { name: "defect" } });
  });

  it("lets moderators apply and remove labels, announced live and filterable", async () => {
    const label = await admin.label.save({ name: "question" });
    const d = await member.discussion.create({ title: "How do I?", body: "help" });
    await expectTRPCError(member.label.add({ discussionId: d.id, labelId: label.id }), "FORBIDDEN");

    const before = await currentHorizon(app.db);
    const applied = await moderator.label.add({ discussionId: d.id, labelId: label.id });
    expect(applied.labels.map((l) => l.name)).toEqual(["question"]);
    await moderator.label.add({ discussionId: d.id, labelId: label.id }); // no-op, no second event
    const events = await readEvents(app.db, before, { discussionId: d.id });
    expect(events.map((e) => e.event.type)).toEqual(["discussion.updated"]);
    expect((await anonymous.discussion.list({ labelId: label.id })).items.map((i) => i.id)).toEqual([d.id]);

    const removed = await moderator.label.remove({ discussionId: d.id, labelId: label.id });
    expect(removed.labels).toEqual([]);
    await expectTRPCError(moderator.label.add({ discussionId: d.id, labelId: crypto.randomUUID() }), "NOT_FOUND");
  });
});
