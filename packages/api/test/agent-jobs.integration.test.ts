import { beforeAll, describe, expect, it } from "vitest";
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
});
