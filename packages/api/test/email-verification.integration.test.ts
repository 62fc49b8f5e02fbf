import {
  type ParsedMail,
  sendQueuedMail,
  startTestSmtpServer,
  type TestSmtpServer,
} from "@parley/agent/mail/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { expectTRPCError, useTestApp } from "./harness";

const app = useTestApp();
let smtp: TestSmtpServer;
const PASSWORD = "correct-horse-battery-staple";

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  await app.register("Root", "admin");
});
afterAll(() => smtp.close());
beforeEach(() => {
  smtp.received.length = 0;
});

const recipient = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? m.to.text : "");

async function mailsTo(to: string): Promise<ParsedMail[]> {
  await sendQueuedMail(app.url, smtp.url);
  return smtp.received.filter((m) => recipient(m) === to);
}

const verifyToken = (mail: ParsedMail) => {
  const match = /\/verify-email\?token=([A-Za-z0-9_-]+)/.exec(mail.text ?? "");
  expect(match, "a verification link").not.toBeNull();
  return match![1]!;
};

/** Sends what is queued (e.g. registration mail) and forgets it. */
async function flush() {
  await sendQueuedMail(app.url, smtp.url);
  smtp.received.length = 0;
}

const account = (email: string) => app.db.user.findUniqueOrThrow({ where: { email } });

describe("email verification", () => {
  it("mails a new account a single-use link that confirms its address", async () => {
    const anonymous = await app.as(null);
    await anonymous.auth.register({
      email: "ivy@example.test",
      password: PASSWORD,
      displayName: "Ivy",
    });
    const [mail, ...others] = await mailsTo("ivy@example.test");
    expect(others).toEqual([]);
    expect(mail!.subject).toBe("[Parley] Confirm your email address");
    expect(mail!.text).toContain("because an account was registered with ivy@example.test");
    expect((await account("ivy@example.test")).emailVerifiedAt).toBeNull();

    const token = verifyToken(mail!);
    expect(await anonymous.auth.verifyEmail({ token })).toEqual({
      email: "ivy@example.test",
      changed: false,
    });
    expect((await account("ivy@example.test")).emailVerifiedAt).not.toBeNull();
    const again = await expectTRPCError(anonymous.auth.verifyEmail({ token }), "BAD_REQUEST");
    expect(again.message).toMatch(/already used/);
    await expectTRPCError(anonymous.auth.verifyEmail({ token: "not a token" }), "BAD_REQUEST");
  });

  it("tells the owner of a taken address, and the stranger nothing", async () => {
    const anonymous = await app.as(null);
    await anonymous.auth.register({
      email: "jo@example.test",
      password: PASSWORD,
      displayName: "Jo",
    });
    await mailsTo("jo@example.test");
    smtp.received.length = 0;

    const answer = await anonymous.auth.register({
      email: "Jo@Example.test",
      password: "a-stranger-passphrase",
      displayName: "Not Jo",
    });
    expect(answer).toEqual({ status: "verification_sent", email: "jo@example.test" });
    const mails = await mailsTo("jo@example.test");
    expect(mails.map((m) => m.subject)).toEqual([
      "[Parley] Someone tried to register with your address",
    ]);
    expect(mails[0]!.text).toContain("No new account was created");
    expect((await account("jo@example.test")).displayName).toBe("Jo");
  });

  it("holds unconfirmed members to reading when the site says so, and lets them resend the link", async () => {
    const admin = await app.db.user.findFirstOrThrow({ where: { email: "root@example.test" } });
    const adminCaller = await app.as(admin.id);
    expect((await adminCaller.admin.unverifiedPolicy()).policy).toEqual({ mayWrite: true });
    await adminCaller.admin.setUnverifiedPolicy({ mayWrite: false });
    try {
      await (
        await app.as(null)
      ).auth.register({ email: "kai@example.test", password: PASSWORD, displayName: "Kai" });
      const kai = await account("kai@example.test");
      const member = await app.as(kai.id);
      const refused = await expectTRPCError(
        member.discussion.create({ title: "Hello", body: "First post" }),
        "FORBIDDEN",
      );
      expect(refused.message).toMatch(/Confirm your email address/);

      smtp.received.length = 0;
      await member.auth.resendVerification();
      const mails = await mailsTo("kai@example.test");
      // The first link stopped working when the second was sent.
      expect(mails).toHaveLength(2);
      await expectTRPCError(
        (await app.as(null)).auth.verifyEmail({ token: verifyToken(mails[0]!) }),
        "BAD_REQUEST",
      );
      await (await app.as(null)).auth.verifyEmail({ token: verifyToken(mails[1]!) });
      await (await app.as(kai.id)).discussion.create({ title: "Hello", body: "First post" });
      await expectTRPCError((await app.as(kai.id)).auth.resendVerification(), "CONFLICT");
    } finally {
      await adminCaller.admin.setUnverifiedPolicy({ mayWrite: true });
    }
    expect(await app.db.auditLog.count({ where: { action: "settings.unverifiedAccounts" } })).toBe(
      2,
    );
  });

  it("changes an address only once the new one confirms it, and tells the old one at once", async () => {
    const lea = await app.register("Lea");
    await flush();
    const member = await app.as(lea.id);
    await expectTRPCError(
      member.auth.changeEmail({ newEmail: "lea.new@example.test", password: "wrong password" }),
      "UNAUTHORIZED",
    );
    expect(
      await member.auth.changeEmail({ newEmail: "lea.new@example.test", password: PASSWORD }),
    ).toEqual({ status: "accepted" });
    await sendQueuedMail(app.url, smtp.url);
    const toOld = smtp.received.filter((m) => recipient(m) === lea.email);
    const toNew = smtp.received.filter((m) => recipient(m) === "lea.new@example.test");
    expect(toOld.map((m) => m.subject)).toEqual(["[Parley] Your email address is about to change"]);
    expect(toNew.map((m) => m.subject)).toEqual(["[Parley] Confirm your new email address"]);
    expect((await app.db.user.findUniqueOrThrow({ where: { id: lea.id } })).email).toBe(lea.email);

    expect(await (await app.as(null)).auth.verifyEmail({ token: verifyToken(toNew[0]!) })).toEqual({
      email: "lea.new@example.test",
      changed: true,
    });
    const after = await app.db.user.findUniqueOrThrow({ where: { id: lea.id } });
    expect(after.email).toBe("lea.new@example.test");
    expect(after.emailVerifiedAt).not.toBeNull();
    expect(
      await app.db.auditLog.count({ where: { action: "account.emailChanged", targetId: lea.id } }),
    ).toBe(1);
  });

  it("a change to an address that has an account sends it nothing and answers the same", async () => {
    const max = await app.register("Max");
    const taken = await app.register("Taken");
    await flush();
    expect(
      await (await app.as(max.id)).auth.changeEmail({ newEmail: taken.email, password: PASSWORD }),
    ).toEqual({ status: "accepted" });
    await sendQueuedMail(app.url, smtp.url);
    expect(smtp.received.map(recipient)).toEqual([max.email]);
  });
});
