import { signUnsubscribe } from "@parley/agent/mail";
import { describe, expect, it } from "vitest";
import { readServerEnv } from "../src/env";
import { expectTRPCError, useTestApp } from "./harness";

const app = useTestApp();

describe("notification mail settings", () => {
  it("members read and change which notifications are mailed", async () => {
    const ada = await app.register("Ada");
    const member = await app.as(ada.id);
    expect(await member.auth.mailSettings()).toEqual({
      mentions: "immediately",
      replies: "immediately",
      reviews: "immediately",
    });
    expect(await member.auth.setMailSettings({ replies: "never" })).toEqual({
      mentions: "immediately",
      replies: "never",
      reviews: "immediately",
    });
    await expectTRPCError(
      member.auth.setMailSettings({ mentions: "sometimes" as "never" }),
      "BAD_REQUEST",
    );
    await expectTRPCError((await app.as(null)).auth.mailSettings(), "UNAUTHORIZED");
  });

  it("a mail's signed unsubscribe link turns its kinds off without signing in; a forged one changes nothing", async () => {
    const bo = await app.register("Bo");
    const anonymous = await app.as(null);
    const secret = readServerEnv().APP_SECRET_KEY;
    const token = signUnsubscribe(secret, bo.id, ["mention"]);
    expect(await anonymous.auth.unsubscribe({ token })).toEqual({ kinds: ["mention"] });
    expect(await (await app.as(bo.id)).auth.mailSettings()).toEqual({
      mentions: "never",
      replies: "immediately",
      reviews: "immediately",
    });
    // Twice is harmless.
    await anonymous.auth.unsubscribe({ token });

    const forged = signUnsubscribe("someone-elses-secret-someone-elses-secret", bo.id, ["reply"]);
    const refused = await expectTRPCError(
      anonymous.auth.unsubscribe({ token: forged }),
      "BAD_REQUEST",
    );
    expect(refused.message).toMatch(/not valid/);
    const tampered = token.replace(".mention.", ".reply.");
    await expectTRPCError(anonymous.auth.unsubscribe({ token: tampered }), "BAD_REQUEST");
    expect((await (await app.as(bo.id)).auth.mailSettings()).replies).toBe("immediately");
  });
});
