import { verify } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/seed/content";
import { DatabaseNotEmptyError, seedDemo, type SeedSummary } from "../src/seed/seed";
import { createTestDatabase, type TestDatabase } from "../src/testing";

let target: TestDatabase;
let summary: SeedSummary;
const now = new Date();

beforeAll(async () => {
  target = await createTestDatabase();
  summary = await seedDemo(target.db, { now });
});
afterAll(async () => {
  await target.drop();
});

describe("seedDemo", () => {
  it("creates a community of about eight people with one admin and one moderator", async () => {
    const users = await target.db.user.findMany({ orderBy: { createdAt: "asc" } });
    expect(users.length).toBeGreaterThanOrEqual(8);
    expect(users[0]?.role).toBe("admin");
    expect(users.filter((u) => u.role === "admin")).toHaveLength(1);
    expect(users.filter((u) => u.role === "moderator")).toHaveLength(1);
    for (const user of users) {
      expect(user.email).toBe(user.email.toLowerCase());
      expect(user.handle).toMatch(/^[a-z0-9-]+$/);
      expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    }
    const first = users[0]?.passwordHash ?? "";
    expect(await verify(first, DEMO_PASSWORD)).toBe(true);
    expect(await verify(first, "wrong-password")).toBe(false);
  });

  it("has labelled discussions, some closed, with dozens of messages and nested replies", async () => {
    expect(summary.discussions).toBeGreaterThanOrEqual(12);
    const discussions = await target.db.discussion.findMany({ include: { labels: true } });
    expect(discussions.filter((d) => d.status === "closed").length).toBeGreaterThanOrEqual(2);
    expect(discussions.every((d) => d.labels.length > 0)).toBe(true);
    expect(discussions.every((d) => d.messageCount >= 18)).toBe(true);
    const labels = await target.db.label.findMany();
    expect(labels.map((l) => l.name)).toEqual(expect.arrayContaining(["bug", "question", "idea", "announcement"]));
    expect(labels.every((l) => /^#[0-9a-f]{6}$/.test(l.color) && l.description.length > 0)).toBe(true);

    // Depth of the deepest reply chain.
    const [depth] = await target.db.$queryRaw<{ max: number }[]>`
      WITH RECURSIVE chain AS (
        SELECT id, 1 AS depth FROM messages WHERE parent_id IS NULL
        UNION ALL SELECT m.id, c.depth + 1 FROM messages m JOIN chain c ON m.parent_id = c.id)
      SELECT max(depth)::int AS max FROM chain`;
    expect(depth?.max).toBeGreaterThanOrEqual(3);
  });

  it("keeps counters, activity times and reply order consistent with the messages", async () => {
    const mismatches = await target.db.$queryRaw<{ id: string }[]>`
      SELECT d.id FROM discussions d JOIN messages m ON m.discussion_id = d.id
      GROUP BY d.id
      HAVING d.message_count <> count(*) OR d.last_activity_at <> max(m.created_at)
          OR d.created_at <> min(m.created_at) OR d.updated_at < d.last_activity_at`;
    expect(mismatches).toEqual([]);
    const badReplies = await target.db.$queryRaw<{ id: string }[]>`
      SELECT m.id FROM messages m JOIN messages p ON p.id = m.parent_id
      WHERE p.discussion_id <> m.discussion_id OR p.created_at >= m.created_at`;
    expect(badReplies).toEqual([]);
    const future = await target.db.message.count({ where: { createdAt: { gt: now } } });
    expect(future).toBe(0);
    const oldest = await target.db.message.findFirst({ orderBy: { createdAt: "asc" } });
    expect(now.getTime() - (oldest?.createdAt.getTime() ?? now.getTime())).toBeGreaterThan(14 * 86_400_000);
  });

  it("has a few edited messages whose earlier bodies are kept as revisions", async () => {
    const edited = await target.db.message.findMany({ where: { editedAt: { not: null } }, include: { revisions: true } });
    expect(edited.length).toBeGreaterThanOrEqual(3);
    for (const message of edited) {
      expect(message.revisions.length).toBeGreaterThan(0);
      for (const revision of message.revisions) {
        expect(revision.body).not.toBe(message.body);
        expect(revision.editedById).toBe(message.authorId);
        expect(revision.createdAt.getTime()).toBeGreaterThan(message.createdAt.getTime());
        expect(revision.createdAt.getTime()).toBeLessThanOrEqual(message.editedAt?.getTime() ?? 0);
      }
    }
    expect(await target.db.messageRevision.count({ where: { message: { editedAt: null } } })).toBe(0);
  });

  it("refuses to seed a database that is not empty, and --reset seeds it again", async () => {
    await expect(seedDemo(target.db)).rejects.toBeInstanceOf(DatabaseNotEmptyError);
    expect(await target.db.discussion.count()).toBe(summary.discussions);

    await target.db.label.create({ data: { name: "stray" } });
    const again = await seedDemo(target.db, { reset: true });
    expect(again.messages).toBeGreaterThan(0);
    expect(await target.db.label.findUnique({ where: { name: "stray" } })).toBeNull();
    expect(await target.db.message.count()).toBe(again.messages);
  });
});
