import { createTestDatabase, type TestDatabase } from "@parley/db/testing";
import { runMigrations, runOnce } from "graphile-worker";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { verifyUnsubscribe } from "../src/mail";
import { sendQueuedMail, startTestSmtpServer, type TestSmtpServer } from "../src/mail/testing";
import { createMailNotificationsTask } from "../src/tasks/mail-notifications";

const SECRET = "a-test-secret-that-is-long-enough-to-use";
let testDb: TestDatabase;
let smtp: TestSmtpServer;
let pool: pg.Pool;
let actorId = "";
let discussionId = "";

beforeAll(async () => {
  testDb = await createTestDatabase();
  await runMigrations({ connectionString: testDb.url });
  pool = new pg.Pool({ connectionString: testDb.url, max: 2 });
  pool.on("connect", (client) => client.on("error", () => undefined));
  pool.on("error", () => undefined);
  smtp = await startTestSmtpServer();
  const actor = await testDb.db.user.create({
    data: { email: "ann@example.test", handle: "ann", displayName: "Ann" },
  });
  actorId = actor.id;
  discussionId = (
    await testDb.db.discussion.create({ data: { title: "Release 2.4", createdById: actor.id } })
  ).id;
});
afterAll(async () => {
  await smtp.close();
  await pool.end();
  await testDb.drop();
});
beforeEach(async () => {
  smtp.received.length = 0;
  await testDb.db.notification.deleteMany();
  await testDb.db.reviewItem.deleteMany();
});

let n = 0;
async function member(
  data: {
    verified?: boolean;
    mailMentions?: "immediately" | "never";
    role?: "moderator";
    mailReviews?: "never";
  } = {},
) {
  n++;
  return testDb.db.user.create({
    data: {
      email: `m${n}@example.test`,
      handle: `m${n}`,
      displayName: `Member ${n}`,
      emailVerifiedAt: data.verified === false ? null : new Date(),
      ...(data.mailMentions ? { mailMentions: data.mailMentions } : {}),
      ...(data.role
        ? { role: data.role, reviewMailedUntil: new Date(Date.now() - 3_600_000) }
        : {}),
      ...(data.mailReviews ? { mailReviews: data.mailReviews } : {}),
    },
  });
}

async function notify(
  userId: string,
  kind: "mention" | "reply",
  body: string,
  opts: {
    minutesAgo?: number;
    read?: boolean;
    status?: "published" | "held";
    deleted?: boolean;
  } = {},
) {
  const message = await testDb.db.message.create({
    data: {
      discussionId,
      authorId: actorId,
      body,
      status: opts.status ?? "published",
      deletedAt: opts.deleted ? new Date() : null,
    },
  });
  await testDb.db.notification.create({
    data: {
      userId,
      kind,
      actorId,
      discussionId,
      messageId: message.id,
      createdAt: new Date(Date.now() - (opts.minutesAgo ?? 15) * 60_000),
      readAt: opts.read ? new Date() : null,
    },
  });
}

/** One run of the cron task (10-minute delay), then the mail jobs it queued. */
async function run() {
  const task = createMailNotificationsTask({
    db: testDb.db,
    env: () => ({ PUBLIC_URL: "https://forum.example.test", NOTIFICATION_MAIL_DELAY_MS: 600_000 }),
    secret: () => SECRET,
  });
  // As the crontab would, once.
  await testDb.db.$executeRaw`SELECT graphile_worker.add_job('mail_notifications', '{}'::json)`;
  await runOnce({ pgPool: pool, taskList: { mail_notifications: task } });
  await sendQueuedMail(testDb.url, smtp.url, { PUBLIC_URL: "https://forum.example.test" });
}

const to = (address: string) =>
  smtp.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.text === address);

describe("notification mail", () => {
  it("batches a member's unseen mentions and replies older than the delay into one mail, with one-click unsubscribe", async () => {
    const bea = await member();
    await notify(bea.id, "mention", "@bea can you check   the\nrelease notes?");
    await notify(bea.id, "reply", "Agreed, shipping Friday.", { minutesAgo: 12 });
    await notify(bea.id, "mention", "Too recent to mail yet", { minutesAgo: 2 });
    await run();

    const mails = to(bea.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe("[Parley] 2 new mentions and replies");
    expect(mail.text).toContain(
      'Ann mentioned you in "Release 2.4": "@bea can you check the release notes?"',
    );
    expect(mail.text).toContain('Ann replied to you in "Release 2.4": "Agreed, shipping Friday."');
    expect(mail.text).not.toContain("Too recent");
    expect(mail.text).toContain(`https://forum.example.test/discussions/${discussionId}`);

    // The raw header lines, as a mailbox provider reads them (RFC 8058).
    const header = (name: string) =>
      mail.headerLines
        .find((h) => h.key === name)
        ?.line.slice(name.length + 1)
        .trim();
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const url = (header("list-unsubscribe") ?? "").replace(/^<|>$/g, "");
    const token = new URL(url).searchParams.get("token") ?? "";
    expect(new URL(url).pathname).toBe("/api/unsubscribe");
    expect(verifyUnsubscribe(SECRET, token)).toEqual({
      userId: bea.id,
      kinds: ["mention", "reply"],
    });
    expect(verifyUnsubscribe("another-secret-another-secret-another", token)).toBeNull();

    // A second run mails nothing again.
    smtp.received.length = 0;
    await run();
    expect(smtp.received).toHaveLength(0);
  });

  it("never mails what was read in the app, held or deleted content, kinds turned off, or unconfirmed addresses", async () => {
    const cy = await member();
    const quiet = await member({ mailMentions: "never" });
    const unconfirmed = await member({ verified: false });
    await notify(cy.id, "mention", "seen already", { read: true });
    await notify(cy.id, "mention", "held for review", { status: "held" });
    await notify(cy.id, "reply", "deleted since", { deleted: true });
    await notify(quiet.id, "mention", "quiet please");
    await notify(unconfirmed.id, "reply", "not yet confirmed");
    await run();
    expect(smtp.received).toHaveLength(0);
    // All of them were considered once and are not looked at again.
    expect(await testDb.db.notification.count({ where: { mailedAt: null, readAt: null } })).toBe(0);
  });

  it("mails moderators the review items still open after the delay, once, naming the reason but not the content", async () => {
    const mod = await member({ role: "moderator" });
    const quietMod = await member({ role: "moderator", mailReviews: "never" });
    const plain = await member();
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    await testDb.db.reviewItem.create({
      data: { kind: "message_flagged", reason: "spam", createdAt: ago(15) },
    });
    await testDb.db.reviewItem.create({
      data: { kind: "message_held", reason: "toxic", status: "dismissed", createdAt: ago(15) },
    });
    await testDb.db.reviewItem.create({
      data: { kind: "message_held", reason: "too recent", createdAt: ago(2) },
    });
    await run();
    expect(to(quietMod.email)).toHaveLength(0);
    expect(to(plain.email)).toHaveLength(0);
    const [mail, ...others] = to(mod.email);
    expect(others).toHaveLength(0);
    expect(mail!.subject).toBe("[Parley] A new item in the review queue");
    expect(mail!.text).toContain("A flagged message: spam");
    expect(mail!.text).not.toContain("toxic");
    expect(mail!.text).not.toContain("too recent");
    expect(mail!.text).toContain("https://forum.example.test/admin");

    smtp.received.length = 0;
    await run();
    expect(smtp.received).toHaveLength(0);
  });
});
