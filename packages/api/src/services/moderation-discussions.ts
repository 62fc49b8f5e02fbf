import { type Viewer } from "../auth/viewer";
import { notFound } from "../errors";
import { appendEvent } from "../events/outbox";
import { discussionSummarySelect, toDiscussionSummary, type DiscussionSummary } from "../views/discussion";
import { type Deps } from "./discussions";
import { recordAudit } from "./moderation-audit";

/** Locks or unlocks a discussion (moderators, checked by the procedure); a no-op is not audited. */
export async function setDiscussionLocked(
  { db, events }: Deps,
  viewer: Viewer,
  input: { discussionId: string; locked: boolean },
): Promise<DiscussionSummary> {
  const result = await db.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ locked: boolean }[]>`
      SELECT locked FROM discussions WHERE id = ${input.discussionId}::uuid FOR UPDATE`;
    if (!current) throw notFound("Discussion");
    if (current.locked === input.locked) {
      const row = await tx.discussion.findUniqueOrThrow({ where: { id: input.discussionId }, select: discussionSummarySelect });
      return { view: toDiscussionSummary(row), changed: false };
    }
    const row = await tx.discussion.update({
      where: { id: input.discussionId },
      data: { locked: input.locked },
      select: discussionSummarySelect,
    });
    const view = toDiscussionSummary(row);
    await appendEvent(tx, view.id, { type: "discussion.updated", discussion: view });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: input.locked ? "discussion.locked" : "discussion.unlocked",
      targetType: "discussion",
      targetId: view.id,
      before: { locked: current.locked },
      after: { locked: view.locked },
    });
    return { view, changed: true };
  });
  if (result.changed) events.wake();
  return result.view;
}
