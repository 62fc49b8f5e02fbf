import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@parley/db/testing";
import { runMigrations } from "graphile-worker";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { enqueueMail, type MailJobPayload, readOutbox } from "../src/mail";
import { mailEnvSchema } from "../src/mail/env";
import { mailerFromEnv, outboxMailer } from "../src/mail/mailer";
import { renderMail } from "../src/mail/templates";
import { sendQueuedMail, startTestSmtpServer, type TestSmtpServer } from "../src/mail/testing";

let testDb: TestDatabase;
let smtp: TestSmtpServer;

beforeAll(async () => {
  testDb = await createTestDatabase();
  await runMigrations({ connectionString: testDb.url });
  smtp = await startTestSmtpServer();
});
afterAll(async () => {
  await smtp.close();
  await testDb.drop();
});
beforeEach(() => {
  smtp.received.length = 0;
  smtp.refuse = false;
});

const reset = (to: string, name: string | null = "Ada"): MailJobPayload => ({
  v: 1,
  to,
  name,
  content: {
    template: "password_reset",
    link: "http://localhost:3000/reset-password?token=abc&x=1",
    expiresInMinutes: 60,
  },
});

const mailJobs = () =>
  testDb.db.$queryRaw<{ attempts: number; last_error: string | null }[]>`
    SELECT j.attempts, j.last_error FROM graphile_worker._private_jobs j
    JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier = 'send_mail'`;

describe("mail through the worker", () => {
  it("sends a queued mail over SMTP after commit, as text and HTML with the site name and why-footer", async () => {
    await testDb.db.$transaction((tx) => enqueueMail(tx, reset("ada@example.test")));
    await sendQueuedMail(testDb.url, smtp.url, { SITE_NAME: "Lovelace Forum" });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.subject).toBe("[Lovelace Forum] Reset your password");
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("ada@example.test");
    expect(mail.from?.text).toContain("no-reply@localhost");
    expect(mail.messageId).toMatch(/^<mail-\d+@localhost>$/);
    expect(mail.text).toContain("Hello Ada,");
    expect(mail.text).toContain("http://localhost:3000/reset-password?token=abc&x=1");
    expect(mail.text).toContain(
      "because a password reset was requested for the account of ada@example.test",
    );
    expect(mail.html).toContain('href="http://localhost:3000/reset-password?token=abc&amp;x=1"');
    expect(mail.html).toContain("Lovelace Forum");
    expect(await mailJobs()).toEqual([]);
  });

  it("sends nothing for a transaction that rolled back", async () => {
    await expect(
      testDb.db.$transaction(async (tx) => {
        await enqueueMail(tx, reset("rolled@example.test"));
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    await sendQueuedMail(testDb.url, smtp.url);
    expect(smtp.received).toHaveLength(0);
  });

  it("keeps a mail the server refused and sends it on the retry", async () => {
    smtp.refuse = true;
    await testDb.db.$transaction((tx) => enqueueMail(tx, reset("retry@example.test")));
    await sendQueuedMail(testDb.url, smtp.url);
    expect(smtp.received).toHaveLength(0);
    const [failed] = await mailJobs();
    expect(failed?.attempts).toBe(1);
    expect(failed?.last_error).toContain("451");

    smtp.refuse = false;
    // The backoff would wait; the retry itself is what is tested here.
    await testDb.db.$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now()`;
    await sendQueuedMail(testDb.url, smtp.url);
    expect(smtp.received.map((m) => m.subject)).toEqual(["[Parley] Reset your password"]);
    expect(await mailJobs()).toEqual([]);
  });

  it("refuses a malformed payload before it is queued", async () => {
    const bad = {
      ...reset("not-an-address"),
      content: { template: "password_reset", link: "javascript:alert(1)", expiresInMinutes: 60 },
    };
    await expect(
      testDb.db.$transaction((tx) => enqueueMail(tx, bad as MailJobPayload)),
    ).rejects.toThrow();
    expect(await mailJobs()).toEqual([]);
  });
});

describe("templates", () => {
  it("escapes member-chosen names in the HTML part", () => {
    const { html, text } = renderMail(
      reset("x@example.test").content,
      { to: "x@example.test", name: "<img src=x onerror=alert(1)>" },
      { name: "P", url: "http://localhost:3000" },
    );
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(text).toContain("Hello <img src=x onerror=alert(1)>,");
  });
});

describe("dev outbox", () => {
  it("writes the raw message and a readable copy that readOutbox lists newest first", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "parley-outbox-"));
    try {
      const mailer = outboxMailer({ MAIL_FROM: "Parley <no-reply@localhost>" }, dir);
      const first = renderMail(
        reset("a@example.test").content,
        { to: "a@example.test", name: null },
        { name: "Parley", url: "http://localhost:3000" },
      );
      await mailer.send({ to: "a@example.test", ...first, messageId: "<mail-1@localhost>" });
      await mailer.send({
        to: "b@example.test",
        ...first,
        subject: "second",
        messageId: "<mail-2@localhost>",
      });
      const entries = await readOutbox(10, dir);
      expect(entries.map((e) => [e.to, e.subject])).toEqual([
        ["b@example.test", "second"],
        ["a@example.test", "[Parley] Reset your password"],
      ]);
      const eml = (await readdir(dir)).filter((n) => n.endsWith(".eml")).sort()[0]!;
      const parsed = await simpleParser(await readFile(path.join(dir, eml)));
      expect(parsed.messageId).toBe("<mail-1@localhost>");
      expect(parsed.html).toContain("Choose a new password");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("choosing the transport", () => {
  it("uses SMTP when SMTP_URL is set, the dev outbox without it, and refuses to drop mail in production", () => {
    const smtpMailer = mailerFromEnv(
      mailEnvSchema.parse({ SMTP_URL: "smtp://user:secret@mail.example.test:587" }),
    );
    expect(smtpMailer.target).toBe("smtp://mail.example.test:587");
    smtpMailer.close();
    expect(mailerFromEnv(mailEnvSchema.parse({})).target).toMatch(/^outbox:.*\.data\/outbox$/);
    expect(() => mailerFromEnv(mailEnvSchema.parse({ NODE_ENV: "production" }))).toThrow(
      /SMTP_URL is not set/,
    );
    expect(mailEnvSchema.safeParse({ SMTP_URL: "http://mail.example.test" }).success).toBe(false);
  });
});
