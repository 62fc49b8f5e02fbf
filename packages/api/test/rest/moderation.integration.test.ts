import { describe, expect, it } from "vitest";
import { useRestApp } from "./fixture";

const rest = useRestApp();
const { app } = rest;

describe("moderation over REST", () => {
  it("a moderator suspends a member; the member's writes are refused with the reason and the end", async () => {
    await app.register("Admin", "admin");
    const moderator = await app.register("Moderator", "moderator");
    const member = await app.register("Member");
    const until = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const suspended = await rest.call("POST", `/moderation/users/${member.id}/suspend`, {
      as: { bearer: moderator.token },
      body: { until, reason: "Off-topic flooding" },
    });
    expect(suspended.status).toBe(200);
    expect(suspended.json).toMatchObject({ id: member.id, status: "suspended", statusReason: "Off-topic flooding", email: null });

    const refused = await rest.call("POST", "/discussions", {
      as: { bearer: member.token },
      body: { title: "Still posting", body: "hello" },
    });
    expect(refused.status).toBe(403);
    expect((refused.json as { detail: string }).detail).toBe(
      `Your account is suspended until ${until}: Off-topic flooding`,
    );
    const me = await rest.call("GET", "/me", { as: { bearer: member.token } });
    expect(me.json).toMatchObject({ user: { status: "suspended", statusReason: "Off-topic flooding", suspendedUntil: until } });

    const log = await rest.call("GET", `/moderation/audit-log?targetId=${member.id}&action=account.suspended`, {
      as: { bearer: moderator.token },
    });
    expect(log.json).toMatchObject({
      items: [{ action: "account.suspended", actor: { id: moderator.id }, after: { status: "suspended" } }],
    });
  });

  it("a banned account's tokens and sign-in are refused with the reason", async () => {
    const admin = await app.register("Admin2", "admin");
    const member = await app.register("Banned");
    const banned = await rest.call("POST", `/moderation/users/${member.id}/ban`, {
      as: { bearer: admin.token },
      body: { reason: "Spam links" },
    });
    expect(banned.status).toBe(200);

    const withToken = await rest.call("GET", "/me", { as: { bearer: member.token } });
    expect(withToken.status).toBe(401);
    expect((withToken.json as { detail: string }).detail).toBe("This account is banned: Spam links");

    const signIn = await rest.call("POST", "/auth/login", {
      body: { email: member.email, password: "correct-horse-battery-staple" },
    });
    expect(signIn.status).toBe(403);
    expect((signIn.json as { detail: string }).detail).toBe("This account is banned: Spam links");
  });
});
