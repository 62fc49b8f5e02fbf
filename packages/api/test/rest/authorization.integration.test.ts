import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { restRoutes } from "../../src/rest/routes";
import { type Credentials, useRestApp } from "./fixture";

const rest = useRestApp();
const { app } = rest;

type Actor = "anonymous" | "member" | "author" | "moderator" | "suspended" | "readOnlyToken";
const ACTORS: Actor[] = [
  "anonymous",
  "member",
  "author",
  "moderator",
  "suspended",
  "readOnlyToken",
];

let credentials: Record<Actor, Credentials>;
let authorId: string;
let authorEmail: string;

beforeAll(async () => {
  await app.register("Admin", "admin"); // the first account is the admin; keep the others plain
  const author = await app.register("Author");
  const member = await app.register("Member");
  const moderator = await app.register("Moderator", "moderator");
  const suspended = await app.register("Suspended");
  await app.db.user.update({
    where: { id: suspended.id },
    data: { status: "suspended", suspendedUntil: new Date(Date.now() + 86_400_000) },
  });
  const readOnly = await (
    await app.as(author.id)
  ).tokens.create({ name: "read only", scopes: ["read"] });
  authorId = author.id;
  authorEmail = author.email;
  credentials = {
    anonymous: null,
    member: { session: member.id }, // the web session cookie
    author: { bearer: author.token }, // a token from sign-in
    moderator: { bearer: moderator.token },
    suspended: { bearer: suspended.token },
    readOnlyToken: { bearer: readOnly.token }, // a personal token with the read scope only
  };
});

let labelId: string;
beforeAll(async () => {
  labelId = (await app.db.label.create({ data: { name: "matrix" } })).id;
});

const staffOnly: Expect = {
  anonymous: 401,
  member: 403,
  author: 403,
  moderator: 200,
  suspended: 403,
  readOnlyToken: 403,
};

interface World {
  discussionId: string;
  messageId: string;
  jobId: string;
  draftJobId: string;
  tokenId: string;
  /** A suspended member that moderators may suspend, ban, reinstate (and admins promote). */
  targetUserId: string;
  /** A failed job that moderators may retry. */
  failedJobId: string;
  /** A label of its own, for DELETE /labels/{id}. */
  ownLabelId: string;
  /** An open review item (a flagged message) for moderators to resolve. */
  reviewItemId: string;
}

/** Fresh rows by the author for each call, so one call's effect (a close, a delete) decides nothing else. */
async function makeWorld(): Promise<World> {
  const author = await app.as(authorId);
  const discussion = await author.discussion.create({
    title: "A thread to test",
    body: "first message",
  });
  const message = await author.message.create({
    discussionId: discussion.id,
    body: "second message",
  });
  const summary = await author.agent.request({ discussionId: discussion.id, type: "summary" });
  const draft = await author.agent.request({ discussionId: discussion.id, type: "draft_reply" });
  const token = await author.tokens.create({ name: "to revoke", scopes: ["read"] });
  const classify = await author.agent.request({ discussionId: discussion.id, type: "classify" });
  await app.db.agentJob.update({ where: { id: classify.job.id }, data: { status: "failed", error: "down" } });
  const suffix = randomUUID().slice(0, 8);
  const target = await app.db.user.create({
    data: {
      email: `target-${suffix}@example.test`,
      handle: `target-${suffix}`,
      displayName: "Target",
      status: "suspended",
      suspendedUntil: new Date(Date.now() + 86_400_000),
      statusReason: "earlier",
    },
  });
  const ownLabel = await app.db.label.create({ data: { name: `own-${suffix}` } });
  const reviewItem = await app.db.reviewItem.create({
    data: { kind: "message_flagged", openKey: `matrix:${message.id}`, messageId: message.id, reason: "matrix" },
  });
  return {
    reviewItemId: reviewItem.id,
    targetUserId: target.id,
    failedJobId: classify.job.id,
    ownLabelId: ownLabel.id,
    discussionId: discussion.id,
    messageId: message.id,
    jobId: summary.job.id,
    draftJobId: draft.job.id,
    tokenId: token.id,
  };
}

type Expect = Record<Actor, number>;
const everyone = (status: number): Expect => ({
  anonymous: status,
  member: status,
  author: status,
  moderator: status,
  suspended: status,
  readOnlyToken: status,
});
const signedIn: Expect = { ...everyone(200), anonymous: 401 };
const writers: Expect = {
  anonymous: 401,
  member: 200,
  author: 200,
  moderator: 200,
  suspended: 403,
  readOnlyToken: 403,
};

const matrix: {
  route: string;
  path: (w: World) => string;
  body?: (w: World) => unknown;
  expect: Expect;
}[] = [
  {
    route: "POST /auth/register",
    path: () => "/auth/register",
    body: () => ({
      email: `${randomUUID()}@example.test`,
      password: "a long enough password",
      displayName: "New",
    }),
    expect: everyone(200),
  },
  {
    route: "POST /auth/login",
    path: () => "/auth/login",
    body: () => ({ email: authorEmail, password: "correct-horse-battery-staple" }),
    expect: everyone(200),
  },
  {
    route: "POST /auth/password-reset",
    path: () => "/auth/password-reset",
    body: () => ({ email: `${randomUUID()}@example.test` }),
    expect: everyone(200),
  },
  // A made-up link is refused for everyone: the token, not the caller, is the credential.
  {
    route: "POST /auth/password-reset/confirm",
    path: () => "/auth/password-reset/confirm",
    body: () => ({ token: "x".repeat(43), password: "a long enough password" }),
    expect: everyone(400),
  },
  {
    route: "POST /auth/verify-email",
    path: () => "/auth/verify-email",
    body: () => ({ token: "x".repeat(43) }),
    expect: everyone(400),
  },
  // Suspended accounts may still manage their own address; read-only tokens may not.
  {
    route: "POST /auth/verify-email/resend",
    path: () => "/auth/verify-email/resend",
    expect: { ...everyone(200), anonymous: 401, readOnlyToken: 403 },
  },
  {
    route: "POST /auth/email",
    path: () => "/auth/email",
    body: () => ({ newEmail: `${randomUUID()}@example.test`, password: "correct-horse-battery-staple" }),
    expect: { ...everyone(200), anonymous: 401, readOnlyToken: 403 },
  },
  {
    route: "GET /me/mail-settings",
    path: () => "/me/mail-settings",
    expect: signedIn,
  },
  {
    route: "PATCH /me/mail-settings",
    path: () => "/me/mail-settings",
    body: () => ({ mentions: "immediately" }),
    expect: { ...everyone(200), anonymous: 401, readOnlyToken: 403 },
  },
  {
    route: "POST /auth/unsubscribe",
    path: () => "/auth/unsubscribe",
    body: () => ({ token: "forged.token.signature" }),
    expect: everyone(400),
  },
  { route: "GET /me", path: () => "/me", expect: everyone(200) },
  { route: "GET /discussions", path: () => "/discussions", expect: everyone(200) },
  {
    route: "POST /discussions",
    path: () => "/discussions",
    body: () => ({ title: "New thread", body: "hello" }),
    expect: writers,
  },
  {
    route: "GET /discussions/{id}",
    path: (w) => `/discussions/${w.discussionId}`,
    expect: everyone(200),
  },
  {
    route: "PATCH /discussions/{id}",
    path: (w) => `/discussions/${w.discussionId}`,
    body: () => ({ status: "closed" }),
    expect: {
      anonymous: 401,
      member: 403,
      author: 200,
      moderator: 200,
      suspended: 403,
      readOnlyToken: 403,
    },
  },
  {
    route: "GET /discussions/{discussionId}/messages",
    path: (w) => `/discussions/${w.discussionId}/messages`,
    expect: everyone(200),
  },
  {
    route: "POST /discussions/{discussionId}/messages",
    path: (w) => `/discussions/${w.discussionId}/messages`,
    body: (w) => ({ parentId: w.messageId, body: "a reply" }),
    expect: writers,
  },
  // One's own read position: any signed-in account, also suspended or read-only (it changes
  // nothing anyone else sees).
  {
    route: "GET /discussions/{discussionId}/read-position",
    path: (w) => `/discussions/${w.discussionId}/read-position`,
    expect: signedIn,
  },
  {
    route: "POST /discussions/{discussionId}/read-position",
    path: (w) => `/discussions/${w.discussionId}/read-position`,
    body: (w) => ({ messageId: w.messageId }),
    expect: signedIn,
  },
  {
    route: "PATCH /messages/{id}",
    path: (w) => `/messages/${w.messageId}`,
    body: () => ({ body: "changed" }),
    expect: {
      anonymous: 401,
      member: 403,
      author: 200,
      moderator: 403,
      suspended: 403,
      readOnlyToken: 403,
    },
  },
  {
    route: "DELETE /messages/{id}",
    path: (w) => `/messages/${w.messageId}`,
    expect: {
      anonymous: 401,
      member: 403,
      author: 200,
      moderator: 200,
      suspended: 403,
      readOnlyToken: 403,
    },
  },
  {
    route: "GET /messages/{id}/history",
    path: (w) => `/messages/${w.messageId}/history`,
    expect: everyone(200),
  },
  {
    route: "POST /discussions/{discussionId}/agent",
    path: (w) => `/discussions/${w.discussionId}/agent`,
    body: () => ({ type: "summary" }),
    expect: writers,
  },
  { route: "GET /agent-jobs/{id}", path: (w) => `/agent-jobs/${w.jobId}`, expect: everyone(200) },
  {
    route: "GET /agent-jobs/{id} (a reply draft)",
    path: (w) => `/agent-jobs/${w.draftJobId}`,
    // Drafts are private to their requester; to anyone else they do not exist.
    expect: {
      anonymous: 404,
      member: 404,
      author: 200,
      moderator: 404,
      suspended: 404,
      readOnlyToken: 200,
    },
  },
  {
    route: "GET /discussions/{discussionId}/agent-jobs",
    path: (w) => `/discussions/${w.discussionId}/agent-jobs`,
    expect: everyone(200),
  },
  { route: "GET /tokens", path: () => "/tokens", expect: { ...everyone(200), anonymous: 401 } },
  {
    route: "POST /tokens",
    path: () => "/tokens",
    body: () => ({ name: "ci", scopes: ["read"] }),
    expect: writers,
  },
  {
    route: "DELETE /tokens/{id}",
    path: (w) => `/tokens/${w.tokenId}`,
    // Revoking is allowed with any of the owner's credentials (also read-only ones); others see no such token.
    expect: {
      anonymous: 401,
      member: 404,
      author: 200,
      moderator: 404,
      suspended: 404,
      readOnlyToken: 200,
    },
  },
  { route: "GET /labels", path: () => "/labels", expect: everyone(200) },
  { route: "GET /search", path: () => "/search?q=thread&limit=5", expect: everyone(200) },
  {
    route: "POST /labels",
    path: () => "/labels",
    body: () => ({ name: `label ${randomUUID().slice(0, 8)}` }),
    // Admins only (no admin among these actors; test/token-scopes covers them).
    expect: { ...staffOnly, moderator: 403 },
  },
  {
    route: "POST /discussions/{discussionId}/labels",
    path: (w) => `/discussions/${w.discussionId}/labels`,
    body: () => ({ labelId }),
    expect: staffOnly,
  },
  {
    route: "DELETE /discussions/{discussionId}/labels/{labelId}",
    path: (w) => `/discussions/${w.discussionId}/labels/${labelId}`,
    expect: staffOnly,
  },
  {
    route: "DELETE /labels/{id}",
    path: (w) => `/labels/${w.ownLabelId}`,
    expect: { ...staffOnly, moderator: 403 }, // admins only
  },
  // Moderator actions (admins: see test/authorization-matrix.integration.test.ts).
  { route: "GET /moderation/users", path: () => "/moderation/users?status=suspended", expect: staffOnly },
  {
    route: "POST /moderation/users/{userId}/suspend",
    path: (w) => `/moderation/users/${w.targetUserId}/suspend`,
    body: () => ({ until: new Date(Date.now() + 86_400_000).toISOString(), reason: "cool off" }),
    expect: staffOnly,
  },
  {
    route: "POST /moderation/users/{userId}/ban",
    path: (w) => `/moderation/users/${w.targetUserId}/ban`,
    body: () => ({ reason: "spam" }),
    expect: staffOnly,
  },
  {
    route: "POST /moderation/users/{userId}/reinstate",
    path: (w) => `/moderation/users/${w.targetUserId}/reinstate`,
    expect: staffOnly,
  },
  {
    route: "POST /moderation/users/{userId}/role",
    path: (w) => `/moderation/users/${w.targetUserId}/role`,
    body: () => ({ role: "moderator" }),
    expect: { ...staffOnly, moderator: 403 }, // admins only
  },
  {
    route: "POST /moderation/users/{userId}/password-reset",
    path: (w) => `/moderation/users/${w.targetUserId}/password-reset`,
    expect: { ...staffOnly, moderator: 403 }, // admins only
  },
  {
    route: "POST /moderation/discussions/{discussionId}/lock",
    path: (w) => `/moderation/discussions/${w.discussionId}/lock`,
    expect: staffOnly,
  },
  {
    route: "POST /moderation/discussions/{discussionId}/unlock",
    path: (w) => `/moderation/discussions/${w.discussionId}/unlock`,
    expect: staffOnly,
  },
  { route: "GET /moderation/audit-log", path: () => "/moderation/audit-log?limit=5", expect: staffOnly },
  { route: "GET /moderation/agent-jobs", path: () => "/moderation/agent-jobs?status=failed&limit=5", expect: staffOnly },
  {
    route: "POST /agent-jobs/{jobId}/retry",
    path: (w) => `/agent-jobs/${w.failedJobId}/retry`,
    expect: staffOnly,
  },
  // Flags (any member, never on one's own message) and the review queue (moderators).
  {
    route: "POST /messages/{messageId}/flags",
    path: (w) => `/messages/${w.messageId}/flags`,
    body: () => ({ reason: "spam", note: "matrix" }),
    expect: { ...writers, author: 403 },
  },
  { route: "GET /review-items", path: () => "/review-items?kind=message_flagged&limit=5", expect: staffOnly },
  {
    route: "POST /review-items/{id}/resolve",
    path: (w) => `/review-items/${w.reviewItemId}/resolve`,
    body: () => ({ action: "dismiss", reason: "matrix" }),
    expect: staffOnly,
  },
  // One's own notifications and the member directory: any signed-in account, also suspended or read-only.
  { route: "GET /notifications", path: () => "/notifications?unreadOnly=true", expect: signedIn },
  { route: "GET /notifications/unread-count", path: () => "/notifications/unread-count", expect: signedIn },
  { route: "POST /notifications/read", path: () => "/notifications/read", body: () => ({ all: true }), expect: signedIn },
  { route: "GET /users", path: () => "/users?prefix=au", expect: signedIn },
  // Webhooks: admins only (they succeed for admins in test/webhooks.integration.test.ts); the event types are public.
  { route: "GET /webhook-event-types", path: () => "/webhook-event-types", expect: everyone(200) },
  ...webhookAdminRows(),
];

/** Every admin-only webhook route refuses everyone in ACTORS before reading its input. */
function webhookAdminRows() {
  const adminsOnly: Expect = { ...staffOnly, moderator: 403 };
  const id = randomUUID();
  const rows: [string, string, unknown?][] = [
    ["GET /webhooks", "/webhooks"],
    ["POST /webhooks", "/webhooks", { url: "https://hooks.example.com/in", eventTypes: ["message.created"] }],
    ["PATCH /webhooks/{id}", `/webhooks/${id}`, { description: "x" }],
    ["DELETE /webhooks/{id}", `/webhooks/${id}`],
    ["POST /webhooks/{id}/rotate-secret", `/webhooks/${id}/rotate-secret`, {}],
    ["POST /webhooks/{id}/enable", `/webhooks/${id}/enable`, {}],
    ["POST /webhooks/{id}/disable", `/webhooks/${id}/disable`, {}],
    ["POST /webhooks/{id}/ping", `/webhooks/${id}/ping`, {}],
    ["GET /webhooks/{endpointId}/deliveries", `/webhooks/${id}/deliveries`],
    ["POST /webhook-deliveries/{deliveryId}/redeliver", `/webhook-deliveries/${id}/redeliver`, {}],
    ["GET /webhook-settings", "/webhook-settings"],
    ["PATCH /webhook-settings", "/webhook-settings", { allowPrivateTargets: true }],
  ];
  return rows.map(([route, path, body]) => ({
    route,
    path: () => path,
    ...(body === undefined ? {} : { body: () => body }),
    expect: adminsOnly,
  }));
}

describe("REST authorization matrix", () => {
  it("covers every REST route", () => {
    const covered = new Set(matrix.map((row) => row.route.replace(/ \(.*\)$/, "")));
    expect([...covered].sort()).toEqual(
      restRoutes.map((r) => `${r.method} ${r.openapiPath}`).sort(),
    );
  });

  for (const row of matrix) {
    it(row.route, async () => {
      const seen: Record<string, number> = {};
      for (const actor of ACTORS) {
        const world = await makeWorld();
        const reply = await rest.call(row.route.split(" ")[0]!, row.path(world), {
          as: credentials[actor],
          ...(row.body ? { body: row.body(world) } : {}),
        });
        seen[actor] = reply.status;
        if (reply.status >= 400) {
          expect(reply.headers.get("content-type"), `${row.route} as ${actor}`).toBe(
            "application/problem+json",
          );
          expect(reply.json).toMatchObject({ status: reply.status, type: "about:blank" });
        }
      }
      expect(seen).toEqual(row.expect);
    });
  }

  it("GET /discussions/{discussionId}/events is open to every reader", async () => {
    const world = await makeWorld();
    for (const actor of ACTORS) {
      const controller = new AbortController();
      const res = await fetch(`${rest.url}/discussions/${world.discussionId}/events`, {
        headers: actor === "anonymous" ? {} : authHeadersOf(credentials[actor]),
        signal: controller.signal,
      });
      expect(res.status, actor).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
      controller.abort();
    }
  });

  it("refuses a bearer token that is unknown, and one that was revoked", async () => {
    const unknown = await rest.call("GET", "/discussions", {
      as: { bearer: "plt_not-a-real-token" },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get("www-authenticate")).toContain('error="invalid_token"');
    const author = await app.as(authorId);
    const token = await author.tokens.create({ name: "short-lived", scopes: ["read", "write"] });
    expect((await rest.call("GET", "/me", { as: { bearer: token.token } })).status).toBe(200);
    await author.tokens.revoke({ id: token.id });
    expect((await rest.call("GET", "/me", { as: { bearer: token.token } })).status).toBe(401);
  });
});

function authHeadersOf(as: Credentials): Record<string, string> {
  if (!as) return {};
  return "bearer" in as
    ? { authorization: `Bearer ${as.bearer}` }
    : { cookie: `test-session=${as.session}` };
}
