import { EventSource } from "eventsource";
import { beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  createParleyClient,
  isTRPCClientError,
  type LiveEvents,
  type ParleyClient,
  type RouterInputs,
  type RouterOutputs,
  signIn,
} from "../src/index";
import { EventLog } from "./support/event-log";
import { PASSWORD, useLiveApi } from "./support/server";

const api = useLiveApi();
let alice: ParleyClient;
let aliceId: string;

beforeAll(async () => {
  const { client, session } = await api.member("Alice");
  alice = client;
  aliceId = session.user.id;
});

/** The tRPC error code a failed call ended with. */
async function codeOf(call: Promise<unknown>): Promise<string | undefined> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isTRPCClientError(error))
    throw new Error(`expected a TRPCClientError, got ${String(error)}`);
  return (error.data as { code?: string } | undefined)?.code;
}

describe("typed calls", () => {
  it("infers inputs and outputs from the router, and they match what the server sends", async () => {
    const input: RouterInputs["discussion"]["create"] = {
      title: "Typed from end to end",
      body: "first message",
    };
    const discussion = await alice.discussion.create.mutate(input);
    expectTypeOf(discussion).toEqualTypeOf<RouterOutputs["discussion"]["create"]>();
    expectTypeOf(discussion.messageCount).toBeNumber();
    expect(discussion).toMatchObject({
      title: "Typed from end to end",
      messageCount: 1,
      createdBy: { id: aliceId },
    });

    const message = await alice.message.create.mutate({
      discussionId: discussion.id,
      body: "second",
    });
    const page = await alice.message.list.query({ discussionId: discussion.id });
    expectTypeOf(page.items[0]).toEqualTypeOf<
      RouterOutputs["message"]["list"]["items"][number] | undefined
    >();
    expect(page.items.map((m) => m.body)).toEqual(["first message", "second"]);
    expect(page.items[1]?.id).toBe(message.id);

    // @ts-expect-error: the router's zod schema is the client's type, so a missing body does not compile
    const missingBody = alice.message.create.mutate({ discussionId: discussion.id });
    expect(await codeOf(missingBody)).toBe("BAD_REQUEST");
  });

  it("batches concurrent queries into one HTTP request through the given fetch", async () => {
    const requests: string[] = [];
    const counting: typeof fetch = (input, init) => {
      requests.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    };
    const { client } = await signIn({
      url: api.url,
      EventSource,
      fetch: counting,
      email: "alice@example.test",
      password: PASSWORD,
    });
    requests.length = 0; // the sign-in itself went through the same fetch
    const [me, list] = await Promise.all([
      client.auth.me.query(),
      client.discussion.list.query({}),
    ]);
    expect(me.user?.id).toBe(aliceId);
    expect(list.items.length).toBeGreaterThan(0);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toContain("auth.me,discussion.list");
  });
});

describe("bearer auth", () => {
  it("signs in and sends the token; without it, or with a wrong one, the caller is anonymous", async () => {
    expect((await alice.auth.me.query()).user?.email).toBe("alice@example.test");
    const anonymous = createParleyClient({ url: api.url, EventSource });
    expect((await anonymous.auth.me.query()).user).toBeNull();
    expect(
      await codeOf(anonymous.discussion.create.mutate({ title: "Not signed in", body: "nope" })),
    ).toBe("UNAUTHORIZED");
    const forged = createParleyClient({ url: api.url, EventSource, token: "parley_forged_token" });
    expect((await forged.auth.me.query()).user).toBeNull();
  });

  it("refuses a wrong password", async () => {
    const wrong = signIn({
      url: api.url,
      EventSource,
      email: "alice@example.test",
      password: "not-the-password",
    });
    expect(await codeOf(wrong)).toBe("UNAUTHORIZED");
  });

  it("reads the token from a function for every request, so a caller can rotate it", async () => {
    const session: { token?: string } = {};
    const client = createParleyClient({ url: api.url, EventSource, token: () => session.token });
    expect((await client.auth.me.query()).user).toBeNull();
    session.token = (
      await signIn({ url: api.url, EventSource, email: "alice@example.test", password: PASSWORD })
    ).session.token;
    expect((await client.auth.me.query()).user?.id).toBe(aliceId);
  });

  it("carries the token to subscriptions in the connection params (an EventSource sends no headers)", async () => {
    const discussion = await alice.discussion.create.mutate({
      title: "A private draft",
      body: "What should I answer?",
    });
    // A reply draft is visible to its requester only: following it needs Alice's token.
    const { job } = await alice.agent.request.mutate({
      discussionId: discussion.id,
      type: "draft_reply",
    });
    const log = new EventLog<LiveEvents["agentJob"]["data"]>();
    const subscription = alice.live.agentJob.subscribe(
      { jobId: job.id },
      { onData: log.push, onError: log.fail },
    );
    await log.until((items) => items.length > 0);
    subscription.unsubscribe();
    expect(log.items[0]?.data).toMatchObject({
      type: "agent.job.updated",
      job: { id: job.id, status: "queued" },
    });

    // Without the token the server does not find the job. (It reports that as a retryable
    // error today, so the client keeps trying: the first refusal is what this checks.)
    const anonymous = createParleyClient({
      url: api.url,
      EventSource,
      retry: { initialDelayMs: 10, maxDelayMs: 50 },
    });
    let refused: { unsubscribe(): void } | undefined;
    const refusal = await new Promise<string>((resolve) => {
      refused = anonymous.live.agentJob.subscribe(
        { jobId: job.id },
        {
          onData: () => resolve("received data"),
          onError: (error) => resolve(error.message),
          onConnectionStateChange: (state) => {
            if (state.error) resolve(state.error.message);
          },
        },
      );
    });
    refused?.unsubscribe();
    expect(refusal).toBe("Agent job not found");
  });
});

describe("account flows for non-browser clients", () => {
  it("asks for a reset link and gets the same typed answer for any address", async () => {
    const anonymous = createParleyClient({ url: api.url, EventSource });
    const answer = await anonymous.auth.requestPasswordReset.mutate({ email: "alice@example.test" });
    expectTypeOf(answer).toEqualTypeOf<RouterOutputs["auth"]["requestPasswordReset"]>();
    expect(answer).toEqual({ status: "accepted" });
    expect(await anonymous.auth.requestPasswordReset.mutate({ email: "nobody@example.test" })).toEqual(answer);
  });

  it("gets a typed 400 for a link token that is not valid, and 401 for address changes when anonymous", async () => {
    const anonymous = createParleyClient({ url: api.url, EventSource });
    expect(await codeOf(anonymous.auth.verifyEmail.mutate({ token: "x".repeat(43) }))).toBe("BAD_REQUEST");
    expect(await codeOf(anonymous.auth.resetPassword.mutate({ token: "x".repeat(43), password: "a long enough password" }))).toBe("BAD_REQUEST");
    expect(await codeOf(anonymous.auth.resendVerification.mutate())).toBe("UNAUTHORIZED");
  });
});
