import { describe, expect, it } from "vitest";
import { toWebhookEvent } from "../../src/webhooks/event-types";

const message = (status: string, extra: Record<string, unknown> = {}) => ({
  id: "m1",
  discussionId: "d1",
  body: "secret until approved",
  status,
  statusReason: status === "published" ? null : "looks like spam",
  ...extra,
});

describe("which outbox events become webhooks", () => {
  it("sends published messages without the moderation reason, and nothing of held or rejected ones", () => {
    expect(toWebhookEvent({ type: "message.created", message: message("published") })).toEqual({
      type: "message.created",
      data: { message: { id: "m1", discussionId: "d1", body: "secret until approved", status: "published" } },
    });
    expect(toWebhookEvent({ type: "message.created", message: message("held") })).toBeNull();
    expect(toWebhookEvent({ type: "message.updated", message: message("rejected") })).toBeNull();
  });

  it("treats a message without a status as published", () => {
    const { status: _status, ...legacy } = message("published");
    expect(toWebhookEvent({ type: "message.updated", message: legacy })?.type).toBe("message.updated");
  });

  it("announces a published message that moderation hid as withdrawn, with its ids only", () => {
    expect(
      toWebhookEvent({ type: "message.updated", message: message("held"), wasPublished: true }),
    ).toEqual({ type: "message.withdrawn", data: { message: { id: "m1", discussionId: "d1" } } });
  });

  it("sends finished summaries and classifications, never drafts or streamed text", () => {
    const job = (type: string, status: string) => ({ type: "agent.job.updated", job: { id: "j", type, status } });
    expect(toWebhookEvent(job("summary", "completed"))?.type).toBe("agent.job.completed");
    expect(toWebhookEvent(job("classify", "blocked"))?.type).toBe("agent.job.failed");
    expect(toWebhookEvent(job("summary", "running"))).toBeNull();
    expect(toWebhookEvent(job("draft_reply", "completed"))).toBeNull();
    expect(toWebhookEvent({ type: "agent.job.delta", jobId: "j", discussionId: "d", text: "x" })).toBeNull();
  });

  it("passes discussions and drops private topics", () => {
    expect(toWebhookEvent({ type: "discussion.updated", discussion: { id: "d1", labels: [] } })?.type).toBe(
      "discussion.updated",
    );
    expect(toWebhookEvent({ type: "notification.created", userId: "u", notification: {} })).toBeNull();
    expect(toWebhookEvent({ type: "review.item.updated", item: {} })).toBeNull();
  });
});
