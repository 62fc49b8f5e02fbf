import {
  sendQueuedMail,
  startTestSmtpServer,
  type TestSmtpServer,
} from "@parley/agent/mail/testing";
import { type Prisma } from "@parley/db";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { validSessionUserId } from "../src/auth/session";
import { resolveViewer } from "../src/auth/viewer";
import { createInnerContext } from "../src/context";
import { createCaller } from "../src/index";
import { DEFAULT_RATE_LIMITS, RATE_LIMITS_SETTING } from "../src/rate-limit/defaults";
import { raiseRateLimits } from "../src/testing/rate-limits";
import { expectTRPCError, useTestApp } from "./harness";

const app = useTestApp();
let smtp: TestSmtpServer;
let clock = Date.now();

beforeAll(async () => {
  smtp = await startTestSmtpServer();
});
afterAll(() => smtp.close());
beforeEach(() => {
  smtp.received.length = 0;
  clock = Date.now();
});

const anonymous = (ip = "203.0.113.7") =>
  createCaller(
    createInnerContext({ db: app.db, events: app.bus, viewer: null, ip, now: () => clock }),
  );

/** Runs the worker's mail jobs, then gives the reset token of the one mail sent to `to`. */
async function resetTokenMailedTo(to: string): Promise<string> {
  await sendQueuedMail(app.url, smtp.url);
  const mails = smtp.received.filter(
    (m) =>
      m.to &&
      !Array.isArray(m.to) &&
      m.to.text === to &&
      m.subject?.includes("Reset your password"),
  );
  expect(mails).toHaveLength(1);
  const match = /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(mails[0]!.text ?? "");
  expect(match, "the mail carries a reset link").not.toBeNull();
  return match![1]!;
}

const NEW_PASSWORD = "a-brand-new-passphrase";

describe("password reset", () => {
  it("mails a link to a member and answers the same, with no mail, for an unknown address", async () => {
    const ada = await app.register("Ada");
    expect(await anonymous().auth.requestPasswordReset({ email: "ADA@example.test" })).toEqual({
      status: "accepted",
    });
    expect(await anonymous().auth.requestPasswordReset({ email: "nobody@example.test" })).toEqual({
      status: "accepted",
    });
    await resetTokenMailedTo(ada.email);
    // Besides Ada's verification mail from registering, only her reset link was sent.
    expect(smtp.received.map((m) => m.subject).sort()).toEqual([
      "[Parley] Confirm your email address",
      "[Parley] Reset your password",
    ]);
  });

  it("sets the password once, ends sessions and sign-in tokens, and lists the personal tokens", async () => {
    const bea = await app.register("Bea");
    const member = await app.as(bea.id);
    const personal = await member.tokens.create({ name: "ci bot", scopes: ["read"] });
    const signedInBefore = Date.now() - 1000;

    await anonymous().auth.requestPasswordReset({ email: bea.email });
    const token = await resetTokenMailedTo(bea.email);
    const result = await anonymous().auth.resetPassword({ token, password: NEW_PASSWORD });
    expect(result.email).toBe(bea.email);
    expect(result.tokens.map((t) => [t.name, t.prefix])).toEqual([["ci bot", personal.prefix]]);

    // The old password no longer works, the new one does.
    await expectTRPCError(
      anonymous().auth.signIn({ email: bea.email, password: "correct-horse-battery-staple" }),
      "UNAUTHORIZED",
    );
    await anonymous().auth.signIn({ email: bea.email, password: NEW_PASSWORD });
    // The sign-in token issued before the reset is revoked; a browser session from before is refused.
    expect(await resolveViewer(app.db, { bearerToken: bea.token, sessionUserId: null })).toBeNull();
    expect(
      await validSessionUserId(app.db, { userId: bea.id, signedInAtMs: signedInBefore }),
    ).toBeNull();
    expect(
      await validSessionUserId(app.db, { userId: bea.id, signedInAtMs: Date.now() + 1000 }),
    ).toBe(bea.id);
    // The personal token stays until the member revokes it.
    expect(
      await resolveViewer(app.db, { bearerToken: personal.token, sessionUserId: null }),
    ).not.toBeNull();
    // The link proved the address.
    expect(
      (await app.db.user.findUniqueOrThrow({ where: { id: bea.id } })).emailVerifiedAt,
    ).not.toBeNull();

    const reused = await expectTRPCError(
      anonymous().auth.resetPassword({ token, password: "yet-another-passphrase" }),
      "BAD_REQUEST",
    );
    expect(reused.message).toMatch(/already used/);
  });

  it("refuses expired, superseded and forged links, and leaves the password unchanged", async () => {
    const cy = await app.register("Cy");
    await anonymous().auth.requestPasswordReset({ email: cy.email });
    const first = await resetTokenMailedTo(cy.email);
    smtp.received.length = 0;
    await anonymous().auth.requestPasswordReset({ email: cy.email });
    const second = await resetTokenMailedTo(cy.email);

    const superseded = await expectTRPCError(
      anonymous().auth.resetPassword({ token: first, password: NEW_PASSWORD }),
      "BAD_REQUEST",
    );
    expect(superseded.message).toMatch(/not valid/);
    const forged = await expectTRPCError(
      anonymous().auth.resetPassword({ token: "x".repeat(43), password: NEW_PASSWORD }),
      "BAD_REQUEST",
    );
    expect(forged.message).toMatch(/not valid/);

    const later = createCaller(
      createInnerContext({
        db: app.db,
        events: app.bus,
        viewer: null,
        now: () => Date.now() + 3_600_001,
      }),
    );
    const expired = await expectTRPCError(
      later.auth.resetPassword({ token: second, password: NEW_PASSWORD }),
      "BAD_REQUEST",
    );
    expect(expired.message).toMatch(/expired/);
    await anonymous().auth.signIn({ email: cy.email, password: "correct-horse-battery-staple" });
  });

  it("a weak password is refused naming the field, and the link stays usable", async () => {
    const di = await app.register("Di");
    await anonymous().auth.requestPasswordReset({ email: di.email });
    const token = await resetTokenMailedTo(di.email);
    const weak = await expectTRPCError(
      anonymous().auth.resetPassword({ token, password: "short" }),
      "BAD_REQUEST",
    );
    expect(weak.message).toContain("password");
    await anonymous().auth.resetPassword({ token, password: NEW_PASSWORD });
  });

  it("a successful sign-in makes an outstanding link stop working", async () => {
    const ed = await app.register("Ed");
    await anonymous().auth.requestPasswordReset({ email: ed.email });
    const token = await resetTokenMailedTo(ed.email);
    await anonymous().auth.signIn({ email: ed.email, password: "correct-horse-battery-staple" });
    await expectTRPCError(
      anonymous().auth.resetPassword({ token, password: NEW_PASSWORD }),
      "BAD_REQUEST",
    );
  });

  it("is limited per address and per IP, known or unknown addresses alike", async () => {
    const defaults = {
      "auth.passwordReset": DEFAULT_RATE_LIMITS["auth.passwordReset"],
    } as Prisma.InputJsonObject;
    await app.db.siteSetting.update({
      where: { key: RATE_LIMITS_SETTING },
      data: { value: defaults },
    });
    try {
      clock = Date.now();
      for (const email of ["fay@example.test", "ghost@example.test"]) {
        for (let i = 0; i < 3; i++)
          await anonymous(`198.51.100.${i}`).auth.requestPasswordReset({ email });
        const limited = await expectTRPCError(
          anonymous("198.51.100.9").auth.requestPasswordReset({ email }),
          "TOO_MANY_REQUESTS",
        );
        expect(limited.message).toMatch(/try again in/);
      }
      // Per IP: 10 an hour, whatever the addresses.
      for (let i = 0; i < 10; i++)
        await anonymous("192.0.2.1").auth.requestPasswordReset({
          email: `someone-${i}@example.test`,
        });
      await expectTRPCError(
        anonymous("192.0.2.1").auth.requestPasswordReset({ email: "someone-else@example.test" }),
        "TOO_MANY_REQUESTS",
      );
    } finally {
      await raiseRateLimits(app.db);
    }
  });

  it("admins can mail a member a reset link; members and moderators cannot", async () => {
    const admin = await app.register("Root", "admin");
    const mod = await app.register("Mod", "moderator");
    const hal = await app.register("Hal");
    await expectTRPCError(
      (await app.as(hal.id)).moderation.sendPasswordReset({ userId: hal.id }),
      "FORBIDDEN",
    );
    await expectTRPCError(
      (await app.as(mod.id)).moderation.sendPasswordReset({ userId: hal.id }),
      "FORBIDDEN",
    );
    await expectTRPCError(
      (await app.as(admin.id)).moderation.sendPasswordReset({
        userId: "00000000-0000-7000-8000-000000000000",
      }),
      "NOT_FOUND",
    );
    expect(await (await app.as(admin.id)).moderation.sendPasswordReset({ userId: hal.id })).toEqual(
      { status: "sent" },
    );
    await resetTokenMailedTo(hal.email);
    const audit = await app.db.auditLog.findFirst({
      where: { action: "account.passwordResetSent", targetId: hal.id },
    });
    expect(audit?.actorId).toBe(admin.id);
  });
});
