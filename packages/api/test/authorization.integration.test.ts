import { beforeAll, describe, expect, it } from "vitest";
import { type TRPCError } from "@trpc/server";
import { expectTRPCError, useTestApp } from "./harness";

const app = useTestApp();

type Actor = "anonymous" | "member" | "author" | "moderator" | "admin" | "suspended" | "readOnlyToken";
type Outcome = "ok" | TRPCError["code"];
type Caller = Awaited<ReturnType<typeof app.as>>;

interface World {
  callers: Record<Actor, Caller>;
  discussionId: string;
  messageId: string;
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
    data: { status: "suspended", suspendedUntil: new Date(Date.now() + 86_400_000) },
  });
  const readOnly = await (await app.as(author.id)).tokens.create({ name: "read", scopes: ["read"] });
  callers = {
    anonymous: await app.as(null),
    member: await app.as(member.id),
    author: await app.as(author.id),
    moderator: await app.as(moderator.id),
    admin: await app.as(admin.id),
    suspended: await app.as(suspended.id),
    readOnlyToken: await app.withToken(readOnly.token),
  };
});

/** A fresh discussion by the author, so one call's effect (a delete, a close) decides nothing else. */
async function makeWorld(): Promise<World> {
  const discussion = await callers.author.discussion.create({ title: "A thread to test", body: "first message" });
  const message = await callers.author.message.create({ discussionId: discussion.id, body: "second message" });
  return { discussionId: discussion.id, messageId: message.id, callers };
}

// Every procedure, every kind of caller: what each may do.
const matrix: { name: string; call: (c: Caller, w: World) => Promise<unknown>; expect: Record<Actor, Outcome> }[] = [
  {
    name: "discussion.list",
    call: (c) => c.discussion.list({}),
    expect: { anonymous: "ok", member: "ok", author: "ok", moderator: "ok", admin: "ok", suspended: "ok", readOnlyToken: "ok" },
  },
  {
    name: "discussion.get",
    call: (c, w) => c.discussion.get({ id: w.discussionId }),
    expect: { anonymous: "ok", member: "ok", author: "ok", moderator: "ok", admin: "ok", suspended: "ok", readOnlyToken: "ok" },
  },
  {
    name: "discussion.create",
    call: (c) => c.discussion.create({ title: "New thread", body: "hello" }),
    expect: { anonymous: "UNAUTHORIZED", member: "ok", author: "ok", moderator: "ok", admin: "ok", suspended: "FORBIDDEN", readOnlyToken: "FORBIDDEN" },
  },
  {
    name: "discussion.update",
    call: (c, w) => c.discussion.update({ id: w.discussionId, status: "closed" }),
    expect: { anonymous: "UNAUTHORIZED", member: "FORBIDDEN", author: "ok", moderator: "ok", admin: "ok", suspended: "FORBIDDEN", readOnlyToken: "FORBIDDEN" },
  },
  {
    name: "message.list",
    call: (c, w) => c.message.list({ discussionId: w.discussionId }),
    expect: { anonymous: "ok", member: "ok", author: "ok", moderator: "ok", admin: "ok", suspended: "ok", readOnlyToken: "ok" },
  },
  {
    name: "message.create",
    call: (c, w) => c.message.create({ discussionId: w.discussionId, parentId: w.messageId, body: "a reply" }),
    expect: { anonymous: "UNAUTHORIZED", member: "ok", author: "ok", moderator: "ok", admin: "ok", suspended: "FORBIDDEN", readOnlyToken: "FORBIDDEN" },
  },
  {
    name: "message.edit",
    call: (c, w) => c.message.edit({ id: w.messageId, body: "changed" }),
    expect: { anonymous: "UNAUTHORIZED", member: "FORBIDDEN", author: "ok", moderator: "FORBIDDEN", admin: "FORBIDDEN", suspended: "FORBIDDEN", readOnlyToken: "FORBIDDEN" },
  },
  {
    name: "message.delete",
    call: (c, w) => c.message.delete({ id: w.messageId }),
    expect: { anonymous: "UNAUTHORIZED", member: "FORBIDDEN", author: "ok", moderator: "ok", admin: "ok", suspended: "FORBIDDEN", readOnlyToken: "FORBIDDEN" },
  },
  {
    name: "message.history",
    call: (c, w) => c.message.history({ id: w.messageId }),
    expect: { anonymous: "ok", member: "ok", author: "ok", moderator: "ok", admin: "ok", suspended: "ok", readOnlyToken: "ok" },
  },
  {
    name: "tokens.list",
    call: (c) => c.tokens.list(),
    expect: { anonymous: "UNAUTHORIZED", member: "ok", author: "ok", moderator: "ok", admin: "ok", suspended: "ok", readOnlyToken: "ok" },
  },
  {
    name: "tokens.create",
    call: (c) => c.tokens.create({ name: "t", scopes: ["read"] }),
    expect: { anonymous: "UNAUTHORIZED", member: "ok", author: "ok", moderator: "ok", admin: "ok", suspended: "FORBIDDEN", readOnlyToken: "FORBIDDEN" },
  },
  {
    name: "auth.me",
    call: (c) => c.auth.me(),
    expect: { anonymous: "ok", member: "ok", author: "ok", moderator: "ok", admin: "ok", suspended: "ok", readOnlyToken: "ok" },
  },
];

describe("authorization matrix", () => {
  for (const row of matrix) {
    it(row.name, async () => {
      for (const [actor, outcome] of Object.entries(row.expect) as [Actor, Outcome][]) {
        const world = await makeWorld();
        const call = row.call(world.callers[actor], world);
        if (outcome === "ok") await expect(call, `${row.name} as ${actor}`).resolves.toBeDefined();
        else await expectTRPCError(call, outcome);
      }
    });
  }
});
