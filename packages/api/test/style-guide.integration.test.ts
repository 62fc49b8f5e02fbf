import { describe, expect, it } from "vitest";
import { expectTRPCError, useTestApp } from "./harness";

const app = useTestApp();

describe("the drafts' style guide", () => {
  it("is set and cleared by admins only, each change audited", async () => {
    const admin = await app.as((await app.register("Root", "admin")).id);
    const moderator = await app.as((await app.register("Mod", "moderator")).id);
    expect(await admin.admin.styleGuide()).toEqual({ styleGuide: null });
    await expectTRPCError(moderator.admin.setStyleGuide({ styleGuide: "Be terse." }), "FORBIDDEN");
    await expectTRPCError((await app.as(null)).admin.styleGuide(), "UNAUTHORIZED");

    expect(await admin.admin.setStyleGuide({ styleGuide: "  Sign as the Parley team.  " })).toEqual(
      {
        styleGuide: "Sign as the Parley team.",
      },
    );
    const stored = await app.db.siteSetting.findUniqueOrThrow({
      where: { key: "agent.styleGuide" },
    });
    expect(stored.value).toBe("Sign as the Parley team.");
    expect(await admin.admin.setStyleGuide({ styleGuide: null })).toEqual({ styleGuide: null });
    const audit = await app.db.auditLog.findMany({
      where: { action: "settings.styleGuide" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.after)).toEqual([
      { styleGuide: "Sign as the Parley team." },
      { styleGuide: null },
    ]);
  });
});
