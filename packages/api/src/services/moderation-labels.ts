import { type Viewer } from "../auth/viewer";
import { notFound } from "../errors";
import { appendEvent } from "../events/outbox";
import { discussionSummarySelect, toDiscussionSummary } from "../views/discussion";
import { type Deps } from "./discussions";
import { recordAudit } from "./moderation-audit";

/** Deletes a label (admins, checked by the procedure); discussions that had it are announced
 * without it, and the audit row keeps what the label was. */
export async function deleteLabel({ db, events }: Deps, viewer: Viewer, input: { id: string }): Promise<{ ok: true }> {
  await db.$transaction(async (tx) => {
    const label = await tx.label.findUnique({
      where: { id: input.id },
      select: { id: true, name: true, color: true, description: true, discussions: { select: { discussionId: true } } },
    });
    if (!label) throw notFound("Label");
    await tx.label.delete({ where: { id: label.id } });
    const discussions = await tx.discussion.findMany({
      where: { id: { in: label.discussions.map((d) => d.discussionId) } },
      select: discussionSummarySelect,
    });
    for (const row of discussions) {
      await appendEvent(tx, row.id, { type: "discussion.updated", discussion: toDiscussionSummary(row) });
    }
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "label.deleted",
      targetType: "label",
      targetId: label.id,
      before: { name: label.name, color: label.color, description: label.description, discussions: label.discussions.length },
      after: null,
    });
  });
  events.wake();
  return { ok: true };
}
