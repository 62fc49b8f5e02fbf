import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { type $ZodType } from "zod/v4/core";
import { restRoutes, type RestRouteEntry } from "../../src/rest/routes";
import { UNSTORABLE_TEXT_MESSAGE } from "../../src/routers/text";
import { type Credentials, type RestReply, useRestApp } from "./fixture";

const rest = useRestApp();
const { app } = rest;

let author: Credentials;
let ids: { discussionId: string; messageId: string; jobId: string; tokenId: string };

beforeAll(async () => {
  const account = await app.register("Author");
  author = { bearer: account.token };
  const caller = await app.as(account.id);
  const discussion = await caller.discussion.create({ title: "Malformed input", body: "first" });
  const message = await caller.message.create({ discussionId: discussion.id, body: "second" });
  const job = await caller.agent.request({ discussionId: discussion.id, type: "summary" });
  const token = await caller.tokens.create({ name: "t", scopes: ["read"] });
  ids = {
    discussionId: discussion.id,
    messageId: message.id,
    jobId: job.job.id,
    tokenId: token.id,
  };
});

/** A body each body-taking route accepts, so that one added flaw is the only one. */
const VALID_BODIES: Record<string, () => Record<string, unknown>> = {
  "POST /auth/register": () => ({
    email: "someone@example.test",
    password: "a long enough password",
    displayName: "Someone",
  }),
  "POST /auth/login": () => ({
    email: "author@example.test",
    password: "correct-horse-battery-staple",
  }),
  "POST /auth/password-reset": () => ({ email: "someone@example.test" }),
  "POST /auth/password-reset/confirm": () => ({ token: "x".repeat(43), password: "a long enough password" }),
  "POST /auth/verify-email": () => ({ token: "x".repeat(43) }),
  "PATCH /me/mail-settings": () => ({ mentions: "never" }),
  "POST /auth/unsubscribe": () => ({ token: "forged.token.signature" }),
  "POST /auth/email": () => ({ newEmail: "moved@example.test", password: "correct-horse-battery-staple" }),
  "POST /discussions": () => ({ title: "A title", body: "A body" }),
  "PATCH /discussions/{id}": () => ({ title: "Another title" }),
  "POST /discussions/{discussionId}/messages": () => ({ body: "A message" }),
  "POST /discussions/{discussionId}/read-position": () => ({ messageId: "00000000-0000-7000-8000-000000000000" }),
  "PATCH /messages/{id}": () => ({ body: "Edited" }),
  "POST /discussions/{discussionId}/agent": () => ({ type: "summary" }),
  "POST /tokens": () => ({ name: "A token", scopes: ["read"] }),
  "POST /labels": () => ({ name: "triage", color: "#123456" }),
  "POST /discussions/{discussionId}/labels": () => ({ labelId: "00000000-0000-7000-8000-000000000000" }),
  "POST /webhooks": () => ({ url: "https://hooks.example.com/in", eventTypes: ["message.created"] }),
  "PATCH /webhooks/{id}": () => ({ description: "Another description" }),
  "POST /webhooks/{id}/disable": () => ({ reason: "maintenance" }),
  "PATCH /webhook-settings": () => ({ allowPrivateTargets: false }),
  "POST /moderation/users/{userId}/suspend": () => ({
    until: new Date(Date.now() + 86_400_000).toISOString(),
    reason: "cool off",
  }),
  "POST /moderation/users/{userId}/ban": () => ({ reason: "spam" }),
  "POST /moderation/users/{userId}/role": () => ({ role: "moderator" }),
  "POST /messages/{messageId}/flags": () => ({ reason: "spam" }),
  "POST /review-items/{id}/resolve": () => ({ action: "dismiss" }),
  "POST /notifications/read": () => ({ all: true }),
  // Actions whose only input is in the path: an empty body (unknown fields are still refused).
  "POST /moderation/users/{userId}/reinstate": () => ({}),
  "POST /moderation/users/{userId}/password-reset": () => ({}),
  "POST /auth/verify-email/resend": () => ({}),
  "POST /moderation/discussions/{discussionId}/lock": () => ({}),
  "POST /moderation/discussions/{discussionId}/unlock": () => ({}),
  "POST /agent-jobs/{jobId}/retry": () => ({}),
  "POST /webhooks/{id}/enable": () => ({}),
  "POST /webhooks/{id}/ping": () => ({}),
  "POST /webhooks/{id}/rotate-secret": () => ({}),
  "POST /webhook-deliveries/{deliveryId}/redeliver": () => ({}),
};

const PARAM_VALUES = (): Record<string, string> => ({
  id: "",
  discussionId: ids.discussionId,
  labelId: "00000000-0000-7000-8000-000000000000",
  endpointId: "00000000-0000-7000-8000-000000000001",
  deliveryId: "00000000-0000-7000-8000-000000000002",
  userId: "00000000-0000-7000-8000-000000000003",
  jobId: ids.jobId,
  messageId: ids.messageId,
});

function concretePath(route: RestRouteEntry, override: Record<string, string> = {}): string {
  const idFor: Record<string, string> = {
    "/discussions/{id}": ids.discussionId,
    "/messages/{id}": ids.messageId,
    "/messages/{id}/history": ids.messageId,
    "/agent-jobs/{id}": ids.jobId,
    "/tokens/{id}": ids.tokenId,
    "/labels/{id}": "00000000-0000-7000-8000-000000000004",
    "/review-items/{id}/resolve": "00000000-0000-7000-8000-000000000005",
    ...Object.fromEntries(
      ["", "/enable", "/disable", "/ping", "/rotate-secret"].map((tail) => [
        `/webhooks/{id}${tail}`,
        "00000000-0000-7000-8000-000000000001",
      ]),
    ),
  };
  const values: Record<string, string> = {
    ...PARAM_VALUES(),
    id: idFor[route.openapiPath] ?? "",
    ...override,
  };
  return route.openapiPath.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "");
}

/** A field's string schema, seen through optional/nullable/default; `array` for a list of strings. */
function textField(schema: $ZodType): { kind: "string" | "array"; format?: string } | null {
  const def = schema._zod.def as unknown as { type: string; format?: string; innerType?: $ZodType; element?: $ZodType };
  if (def.type === "string") return { kind: "string", ...(def.format ? { format: def.format } : {}) };
  if (def.type === "array" && def.element) return textField(def.element) && { ...textField(def.element)!, kind: "array" };
  return def.innerType ? textField(def.innerType) : null;
}

/** The input fields that take text (path parameters aside: they are UUIDs, tested below). */
const textFields = (route: RestRouteEntry) =>
  Object.entries(route.fields ?? {}).flatMap(([name, schema]) => {
    const field = route.pathParams.includes(name) ? null : textField(schema);
    return field ? [{ name, ...field }] : [];
  });

const key = (route: RestRouteEntry) => `${route.method} ${route.openapiPath}`;
const takesBody = (route: RestRouteEntry) => route.method === "POST" || route.method === "PATCH";

function expectProblem(reply: RestReply, status: number, label: string) {
  expect(reply.status, `${label}: ${reply.text}`).toBe(status);
  expect(reply.headers.get("content-type"), label).toBe("application/problem+json");
  const body = reply.json as {
    type: string;
    title: string;
    status: number;
    detail: string;
    code: string;
  };
  expect(body.status, label).toBe(status);
  expect(body.type, label).toBe("about:blank");
  expect(body.title.length, label).toBeGreaterThan(0);
  expect(body.detail.length, label).toBeGreaterThan(0);
  expect(body.code, label).toMatch(/^[A-Z_]+$/);
}

describe("problem+json for malformed input, on every route", () => {
  for (const route of restRoutes) {
    describe(key(route), () => {
      if (takesBody(route)) {
        const valid = VALID_BODIES[key(route)];
        it("has a valid sample body in this test", () => expect(valid).toBeDefined());

        it("refuses bad JSON with 400", async () => {
          const reply = await rest.call(route.method, concretePath(route), {
            as: author,
            body: '{"title": "unterminated',
            headers: { "content-type": "application/json" },
          });
          expectProblem(reply, 400, "bad JSON");
          expect((reply.json as { detail: string }).detail).toMatch(/not valid JSON/);
        });

        it("refuses a body that is not a JSON object with 400", async () => {
          const reply = await rest.call(route.method, concretePath(route), {
            as: author,
            body: [1, 2, 3],
          });
          expectProblem(reply, 400, "array body");
        });

        // A route whose body takes no fields (an action such as a ping) has no type to get wrong.
        const hasFields = valid ? Object.keys(valid()).length > 0 : true;
        if (hasFields) it("refuses wrong types with 400 and the validator's issues", async () => {
          const wrong = Object.fromEntries(Object.keys(valid!()).map((k) => [k, { wrong: true }]));
          const reply = await rest.call(route.method, concretePath(route), {
            as: author,
            body: wrong,
          });
          expectProblem(reply, 400, "wrong types");
          const issues =
            (reply.json as { issues?: { path: string[]; message: string }[] }).issues ?? [];
          expect(issues.length).toBeGreaterThan(0);
          expect(issues.map((i) => i.path[0])).toContain(Object.keys(valid!())[0]);
        });

        it("refuses unknown fields with 400", async () => {
          const reply = await rest.call(route.method, concretePath(route), {
            as: author,
            body: { ...valid!(), surprise: 1 },
          });
          expectProblem(reply, 400, "unknown field");
          expect(reply.json).toMatchObject({
            issues: [{ path: ["surprise"], code: "unrecognized_keys" }],
          });
        });

        it("refuses a body over 1 MiB with 413", async () => {
          const reply = await rest.call(route.method, concretePath(route), {
            as: author,
            body: { ...valid!(), padding: "x".repeat(1024 * 1024) },
          });
          expectProblem(reply, 413, "oversized");
        });

        it("refuses a body that is not JSON with 415", async () => {
          const reply = await rest.call(route.method, concretePath(route), {
            as: author,
            body: "title=hello",
            headers: { "content-type": "application/x-www-form-urlencoded" },
          });
          expectProblem(reply, 415, "form body");
        });
      } else {
        it("refuses unknown query parameters with 400", async () => {
          const reply = await rest.call(route.method, `${concretePath(route)}?surprise=1`, {
            as: author,
          });
          expectProblem(reply, 400, "unknown query parameter");
        });
      }

      // PostgreSQL cannot store NUL (error 22021) or an unpaired surrogate in text: each is a
      // 400 naming the field, from the one rule every input string shares. A URL cannot carry
      // an unpaired surrogate (its UTF-8 does not exist), so query parameters get NUL only.
      for (const field of textFields(route)) {
        const bad = takesBody(route) ? ["a\u0000b", "a\ud800b", "a\udc00b"] : ["a\u0000b"];
        it(`refuses NUL and unpaired surrogates in ${field.name} with 400 naming it`, async () => {
          for (const value of bad) {
            const label = `${field.name}=${JSON.stringify(value)}`;
            const sent = field.kind === "array" ? [value] : value;
            const reply = takesBody(route)
              ? await rest.call(route.method, concretePath(route), {
                  as: author,
                  body: { ...VALID_BODIES[key(route)]!(), [field.name]: sent },
                })
              : await rest.call(
                  route.method,
                  `${concretePath(route)}?${field.name}=${encodeURIComponent(value)}`,
                  { as: author },
                );
            expectProblem(reply, 400, label);
            const issues = (reply.json as { issues?: { path: string[]; message: string }[] }).issues ?? [];
            const issue = issues.find((i) => i.path[0] === field.name);
            expect(issue, `${label}: ${reply.text}`).toBeDefined();
            // Free text says why; a format (uuid, email, date) refuses it with its own message.
            if (!field.format) expect(issue!.message, label).toBe(UNSTORABLE_TEXT_MESSAGE);
          }
        });
      }

      if (route.pathParams.length) {
        it("refuses a path parameter that is not a UUID with 400", async () => {
          const override = Object.fromEntries(route.pathParams.map((p) => [p, "not-a-uuid"]));
          const valid = VALID_BODIES[key(route)];
          const reply = await rest.call(route.method, concretePath(route, override), {
            as: author,
            ...(valid ? { body: valid() } : {}),
          });
          expectProblem(reply, 400, "bad path parameter");
          const issues = (reply.json as { issues?: { path: string[] }[] }).issues ?? [];
          expect(issues.map((i) => i.path[0])).toEqual(
            expect.arrayContaining([...route.pathParams]),
          );
        });
      }
    });
  }
});

describe("problem+json for everything else that is wrong", () => {
  it("validates query values: a limit that is not a number, or out of range", async () => {
    const notNumber = await rest.call("GET", "/discussions?limit=many");
    expectProblem(notNumber, 400, "limit=many");
    expect(notNumber.json).toMatchObject({ issues: [{ path: ["limit"] }] });
    expectProblem(await rest.call("GET", "/discussions?limit=0"), 400, "limit=0");
    expectProblem(await rest.call("GET", "/discussions?limit=1&limit=2"), 400, "limit twice");
    expectProblem(await rest.call("GET", "/discussions?status=archived"), 400, "unknown status");
    expectProblem(await rest.call("GET", "/discussions?cursor=garbage"), 400, "bad cursor");
  });

  it("answers 404 for an unknown path and 405 (with Allow) for a wrong method", async () => {
    expectProblem(await rest.call("GET", "/nothing-here"), 404, "unknown path");
    const wrongMethod = await rest.call("PUT", "/discussions");
    expectProblem(wrongMethod, 405, "PUT /discussions");
    expect(wrongMethod.headers.get("allow")).toBe("GET, POST");
  });

  it("answers 404 for a resource that does not exist", async () => {
    const reply = await rest.call("GET", "/discussions/00000000-0000-7000-8000-000000000000");
    expectProblem(reply, 404, "missing discussion");
    expect(reply.json).toMatchObject({ code: "NOT_FOUND", detail: "Discussion not found" });
  });

  it("answers 409 for a state conflict (posting to a closed discussion)", async () => {
    const closed = await rest.call("PATCH", `/discussions/${ids.discussionId}`, {
      as: author,
      body: { status: "closed" },
    });
    expect(closed.status).toBe(200);
    const reply = await rest.call("POST", `/discussions/${ids.discussionId}/messages`, {
      as: author,
      body: { body: "too late" },
    });
    expectProblem(reply, 409, "closed discussion");
    await rest.call("PATCH", `/discussions/${ids.discussionId}`, {
      as: author,
      body: { status: "open" },
    });
  });

  it("answers 401 for an Authorization header that is not a bearer token", async () => {
    const reply = await rest.call("GET", "/me", {
      headers: { authorization: "Basic dXNlcjpwYXNz" },
    });
    expectProblem(reply, 401, "basic auth");
    expect(reply.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("answers 400 for a body in the wrong encoding", async () => {
    const reply = await rest.call("POST", "/discussions", {
      as: author,
      body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      headers: { "content-type": "application/json" },
    });
    expectProblem(reply, 400, "invalid UTF-8");
  });

  it("takes the NUL cases of the report: search, posting and editing answer 400, never 500", async () => {
    const search = await rest.call("GET", "/search?q=a%00b");
    expectProblem(search, 400, "search q with NUL");
    expect(search.json).toMatchObject({ issues: [{ path: ["q"], message: UNSTORABLE_TEXT_MESSAGE }] });
    const edit = await rest.call("PATCH", `/messages/${ids.messageId}`, {
      as: author,
      body: { body: "edited\u0000" },
    });
    expectProblem(edit, 400, "edit with NUL");
    expect(edit.json).toMatchObject({ issues: [{ path: ["body"], message: UNSTORABLE_TEXT_MESSAGE }] });
    // And nothing was written: the message is as it was.
    const history = await rest.call("GET", `/messages/${ids.messageId}/history`, { as: author });
    expect(history.text).not.toContain("edited");
  });

  it("tRPC answers BAD_REQUEST with the field for the same input", async () => {
    const caller = await app.as((await app.register("Caller")).id);
    const error = await caller.discussion
      .create({ title: "A title", body: "nul \u0000 inside" })
      .then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    const cause = (error as TRPCError).cause;
    expect(cause).toBeInstanceOf(ZodError);
    expect((cause as ZodError).issues).toMatchObject([{ path: ["body"], message: UNSTORABLE_TEXT_MESSAGE }]);
  });

  it("reports every validation issue, with paths", async () => {
    const reply = await rest.call("POST", "/auth/register", {
      body: { email: "not-an-email", password: "short", displayName: "" },
    });
    expectProblem(reply, 400, "register");
    const paths = (reply.json as { issues: { path: string[] }[] }).issues.map((i) =>
      i.path.join("."),
    );
    expect(paths).toEqual(expect.arrayContaining(["email", "password", "displayName"]));
  });
});
