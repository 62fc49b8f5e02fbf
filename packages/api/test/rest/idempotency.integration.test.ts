import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { type Credentials, useRestApp } from "./fixture";

const rest = useRestApp();
const { app } = rest;

let alice: Credentials;
let bob: Credentials;

beforeAll(async () => {
  alice = { bearer: (await app.register("Alice")).token };
  bob = { bearer: (await app.register("Bob")).token };
});

const countDiscussions = (title: string) => app.db.discussion.count({ where: { title } });

describe("Idempotency-Key on POST", () => {
  it("returns the first answer to a retry with the same key and body, and creates nothing twice", async () => {
    const key = randomUUID();
    const title = `Idempotent ${key}`;
    const first = await rest.call("POST", "/discussions", {
      as: alice,
      body: { title, body: "once" },
      headers: { "idempotency-key": key },
    });
    const retry = await rest.call("POST", "/discussions", {
      as: alice,
      body: { title, body: "once" },
      headers: { "idempotency-key": key },
    });
    expect(first.status).toBe(200);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.json).toEqual(first.json);
    expect(await countDiscussions(title)).toBe(1);
  });

  it("creates again without a key", async () => {
    const title = `Not idempotent ${randomUUID()}`;
    await rest.call("POST", "/discussions", { as: alice, body: { title, body: "twice" } });
    await rest.call("POST", "/discussions", { as: alice, body: { title, body: "twice" } });
    expect(await countDiscussions(title)).toBe(2);
  });

  it("refuses the same key with a different body (422)", async () => {
    const key = randomUUID();
    const title = `Key reuse ${key}`;
    expect(
      (
        await rest.call("POST", "/discussions", {
          as: alice,
          body: { title, body: "a" },
          headers: { "idempotency-key": key },
        })
      ).status,
    ).toBe(200);
    const other = await rest.call("POST", "/discussions", {
      as: alice,
      body: { title, body: "b" },
      headers: { "idempotency-key": key },
    });
    expect(other.status).toBe(422);
    expect(other.headers.get("content-type")).toBe("application/problem+json");
    expect(await countDiscussions(title)).toBe(1);
  });

  it("keeps keys per caller: another account's request with the same key runs", async () => {
    const key = randomUUID();
    const title = `Per caller ${key}`;
    await rest.call("POST", "/discussions", {
      as: alice,
      body: { title, body: "same" },
      headers: { "idempotency-key": key },
    });
    const bobs = await rest.call("POST", "/discussions", {
      as: bob,
      body: { title, body: "same" },
      headers: { "idempotency-key": key },
    });
    expect(bobs.status).toBe(200);
    expect(bobs.headers.get("idempotent-replayed")).toBeNull();
    expect(await countDiscussions(title)).toBe(2);
  });

  it("creates one discussion when the same request arrives many times at once", async () => {
    const key = randomUUID();
    const title = `Concurrent ${key}`;
    const replies = await Promise.all(
      Array.from({ length: 8 }, () =>
        rest.call("POST", "/discussions", {
          as: alice,
          body: { title, body: "racing" },
          headers: { "idempotency-key": key },
        }),
      ),
    );
    const statuses = replies.map((r) => r.status);
    expect(
      statuses.every((s) => s === 200 || s === 409),
      statuses.join(","),
    ).toBe(true);
    expect(statuses).toContain(200);
    const ids = new Set(
      replies.filter((r) => r.status === 200).map((r) => (r.json as { id: string }).id),
    );
    expect(ids.size).toBe(1);
    expect(await countDiscussions(title)).toBe(1);
  });

  it("replays an error answer too (a 404 stays a 404)", async () => {
    const key = randomUUID();
    const path = "/discussions/00000000-0000-7000-8000-000000000000/messages";
    const first = await rest.call("POST", path, {
      as: alice,
      body: { body: "hi" },
      headers: { "idempotency-key": key },
    });
    const retry = await rest.call("POST", path, {
      as: alice,
      body: { body: "hi" },
      headers: { "idempotency-key": key },
    });
    expect(first.status).toBe(404);
    expect(retry.status).toBe(404);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.headers.get("content-type")).toBe("application/problem+json");
  });

  it("works for anonymous registration", async () => {
    const key = randomUUID();
    const email = `${key}@example.test`;
    const body = { email, password: "a long enough password", displayName: "Once" };
    const first = await rest.call("POST", "/auth/register", {
      body,
      headers: { "idempotency-key": key },
    });
    const retry = await rest.call("POST", "/auth/register", {
      body,
      headers: { "idempotency-key": key },
    });
    expect(first.status).toBe(200);
    expect(retry.json).toEqual(first.json);
    expect(await app.db.user.count({ where: { email } })).toBe(1);
  });

  it("replays a new token's secret but stores it encrypted", async () => {
    const key = randomUUID();
    const first = await rest.call("POST", "/tokens", {
      as: alice,
      body: { name: `ci ${key}`, scopes: ["read"] },
      headers: { "idempotency-key": key },
    });
    const retry = await rest.call("POST", "/tokens", {
      as: alice,
      body: { name: `ci ${key}`, scopes: ["read"] },
      headers: { "idempotency-key": key },
    });
    const secret = (first.json as { token: string }).token;
    expect((retry.json as { token: string }).token).toBe(secret);
    expect(await app.db.apiToken.count({ where: { name: `ci ${key}` } })).toBe(1);
    const row = await app.db.idempotencyKey.findFirstOrThrow({ where: { key } });
    expect(Buffer.from(row.response!).toString("latin1")).not.toContain(secret);
  });

  it("refuses a key that is empty, too long or has spaces", async () => {
    for (const key of ["", "x".repeat(256), "with space"]) {
      const reply = await rest.call("POST", "/discussions", {
        as: alice,
        body: { title: "Bad key", body: "b" },
        headers: { "idempotency-key": key },
      });
      expect(reply.status, JSON.stringify(key)).toBe(400);
    }
    expect(await countDiscussions("Bad key")).toBe(0);
  });
});
