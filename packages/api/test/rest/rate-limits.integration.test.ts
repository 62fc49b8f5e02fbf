import { beforeAll, describe, expect, it } from "vitest";
import { RATE_LIMITS_SETTING } from "../../src/rate-limit/defaults";
import { useRestApp } from "./fixture";

const rest = useRestApp({ clientIp: (req) => req.headers.get("x-test-client-ip") });

describe("REST rate limits", () => {
  let token: string;
  let discussionId: string;
  beforeAll(async () => {
    const ada = await rest.app.register("Ada");
    token = ada.token;
    discussionId = (await (await rest.app.as(ada.id)).discussion.create({ title: "Busy", body: "Post here" })).id;
    await rest.app.db.siteSetting.update({
      where: { key: RATE_LIMITS_SETTING },
      data: {
        value: {
          "message.create": { newAccount: [{ limit: 1, perSeconds: 3600, burst: 1 }] },
          "auth.signInFailure": { ip: [{ limit: 1, perSeconds: 600, burst: 1 }] },
        },
      },
    });
  });

  it("answers 429 with Retry-After, RateLimit and the wait in the problem", async () => {
    const post = () =>
      rest.call("POST", `/discussions/${discussionId}/messages`, {
        as: { bearer: token },
        body: { body: "hello" },
        headers: { "idempotency-key": `k-${Math.random()}` },
      });
    expect((await post()).status).toBe(200);
    const refused = await post();
    expect(refused.status).toBe(429);
    const seconds = Number(refused.headers.get("retry-after"));
    expect(seconds).toBeGreaterThan(3500);
    expect(seconds).toBeLessThanOrEqual(3600);
    expect(refused.headers.get("ratelimit")).toBe(`"default";r=0;t=${seconds}`);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.json).toMatchObject({ status: 429, code: "TOO_MANY_REQUESTS", retryAfterSeconds: seconds });
  });

  it("counts sign-in failures by the IP the deployment reports", async () => {
    const login = (ip: string) =>
      rest.call("POST", "/auth/login", {
        body: { email: "who@example.test", password: "not-the-password" },
        headers: { "x-test-client-ip": ip },
      });
    expect((await login("192.0.2.1")).status).toBe(401);
    const refused = await login("192.0.2.1");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("600");
    expect((await login("192.0.2.2")).status).toBe(401);
  });
});
