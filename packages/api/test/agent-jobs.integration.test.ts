import { runQueuedAgentJobs } from "@parley/agent/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { SOURCES_CHANGED } from "../src/services/agent-jobs";
import { expectTRPCError, useTestApp } from "./harness";

const app = useTestApp();
type Caller = Awaited<ReturnType<typeof app.as>>;
let alice: Caller;
let bob: Caller;
let discussionId: string;

beforeAll(async () => {
  alice = await app.as((await app.register("Alice")).id);
  bob = await app.as((await app.register("Bob")).id);
  discussionId = (await alice.discussion.create({ title: "Needs a summary", body: "first" })).id;
});

// Agent jobs only (registering queues a verification mail too).
const queuedTasks = () =>
  app.db.$queryRaw<{ task_identifier: string }[]>`SELECT task_identifier FROM graphile_worker.jobs WHERE task_identifier <> 'send_mail' ORDER BY id`;

describe("agent jobs through the API", () => {
  it("queues one job per thread state however often it is asked for", async () => {
    const first = await alice.agent.request({ discussionId, type: "summary" });
    const again = await bob.agent.request({ discussionId, type: "summary" });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, job: { id: first.job.id, status: "queued" } });
    expect((await queuedTasks()).map((t) => t.task_identifier)).toEqual(["summarize"]);

    await bob.message.create({ discussionId, body: "new information" });
    const fresh = await bob.agent.request({ discussionId, type: "summary" });
    expect(fresh.created).toBe(true);
    expect(fresh.job.id).not.toBe(first.job.id);
  });

  it("keeps drafts private to whoever asked for them", async () => {
    const draft = await alice.agent.request({ discussionId, type: "draft_reply" });
    const bobsOwn = await bob.agent.request({ discussionId, type: "draft_reply" });
    expect(bobsOwn.job.id).not.toBe(draft.job.id);
    await expectTRPCError(bob.agent.job({ id: draft.job.id }), "NOT_FOUND");
    expect((await alice.agent.job({ id: draft.job.id })).type).toBe("draft_reply");
    const bobsList = await bob.agent.jobs({ discussionId, type: "draft_reply" });
    expect(bobsList.map((j) => j.id)).toEqual([bobsOwn.job.id]);
    const anonymousList = await (await app.as(null)).agent.jobs({ discussionId });
    expect(anonymousList.every((j) => j.type !== "draft_reply")).toBe(true);
  });

  it("gives a fresh job after a failed one", async () => {
    const { job } = await alice.agent.request({ discussionId, type: "classify" });
    await app.db.agentJob.update({ where: { id: job.id }, data: { status: "failed", error: "provider down" } });
    const retried = await alice.agent.request({ discussionId, type: "classify" });
    expect(retried.created).toBe(true);
    expect(retried.job.id).not.toBe(job.id);
  });

  it("refuses anonymous and read-only callers and unknown discussions", async () => {
    await expectTRPCError((await app.as(null)).agent.request({ discussionId, type: "summary" }), "UNAUTHORIZED");
    const token = await alice.tokens.create({ name: "ro", scopes: ["read"] });
    await expectTRPCError((await app.withToken(token.token)).agent.request({ discussionId, type: "summary" }), "FORBIDDEN");
    await expectTRPCError(alice.agent.request({ discussionId: crypto.randomUUID(), type: "summary" }), "NOT_FOUND");
    await expectTRPCError(alice.agent.request({ discussionId, type: "poem" as "summary" }), "BAD_REQUEST");
  });

  it("stops serving a summary after a message it covers is deleted or edited, and asking again rebuilds it", async () => {
    const moderator = await app.as((await app.register("Mona", "moderator")).id);
    const anonymous = await app.as(null);
    const { id } = await alice.discussion.create({ title: "Cookie domain", body: "Login loops after the 2.3 upgrade." });
    const quoted = await bob.message.create({ discussionId: id, body: "PRIVATE-NOTE: my staging host is db7.internal, see the cookie." });
    await alice.message.create({ discussionId: id, body: "Setting COOKIE_DOMAIN fixed the login loop for us." });
    const { job } = await alice.agent.request({ discussionId: id, type: "summary" });
    await runQueuedAgentJobs(app.url, app.db);

    const served = await anonymous.agent.job({ id: job.id });
    expect(served.status).toBe("completed");
    expect(served.result && "summary" in served.result ? served.result.summary : "").toContain("PRIVATE-NOTE");
    expect(served.freshness).toEqual({ sourcesChanged: false, newerMessages: 0 });
    expect(served.result && "coverage" in served.result ? served.result.coverage?.messages : null).toBe(3);

    await bob.message.delete({ id: quoted.id });
    // Alice registered first, so she is the admin: members and anonymous readers lose it.
    const carol = await app.as((await app.register("Carol")).id);
    for (const reader of [anonymous, bob, carol]) {
      const view = await reader.agent.job({ id: job.id });
      expect(view).toMatchObject({ status: "completed", result: null, error: SOURCES_CHANGED, freshness: { sourcesChanged: true } });
      const [listed] = await reader.agent.jobs({ discussionId: id, type: "summary" });
      expect(listed?.result).toBeNull();
    }
    // Nor can they replay the job's stored events, which carry the old text.
    const replay = (await carol.live.agentJob({ jobId: job.id }))[Symbol.asyncIterator]();
    await expectTRPCError(replay.next(), "CONFLICT");
    // Moderators and admins may read every source, the deleted one included.
    expect((await moderator.agent.job({ id: job.id })).result).not.toBeNull();
    expect((await alice.agent.job({ id: job.id })).result).not.toBeNull();

    const again = await alice.agent.request({ discussionId: id, type: "summary" });
    expect(again.created).toBe(true);
    expect(again.job.id).not.toBe(job.id);
    await runQueuedAgentJobs(app.url, app.db);
    const rebuilt = await anonymous.agent.job({ id: again.job.id });
    const summary = rebuilt.result && "summary" in rebuilt.result ? rebuilt.result : null;
    expect(summary?.summary).not.toContain("PRIVATE-NOTE");
    expect(summary?.citations.flatMap((c) => c.messageIds)).not.toContain(quoted.id);
    expect(rebuilt.freshness).toEqual({ sourcesChanged: false, newerMessages: 0 });

    const [kept] = (await alice.message.list({ discussionId: id })).items.slice(-1);
    await alice.message.edit({ id: kept!.id, body: "Edited: COOKIE_DOMAIN did not help after all." });
    expect((await anonymous.agent.job({ id: again.job.id })).result).toBeNull();
    const third = await bob.agent.request({ discussionId: id, type: "summary" });
    expect(third.created).toBe(true);
  });
});
