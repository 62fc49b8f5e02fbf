import { type Database, Prisma } from "@parley/db";
import { type Viewer } from "../auth/viewer";
import { DomainError, notFound } from "../errors";
import { appendEvent } from "../events/outbox";
import {
  discussionSummarySelect,
  toDiscussionSummary,
  type DiscussionSummary,
} from "../views/discussion";
import { type Deps } from "./discussions";

const labelSelect = { id: true, name: true, color: true, description: true } as const;

export function listLabels(db: Database) {
  return db.label.findMany({ select: labelSelect, orderBy: { name: "asc" }, take: 500 });
}

function duplicateName(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    throw new DomainError("CONFLICT", "A label with this name already exists");
  }
  throw error;
}

/** Admins manage the label set; the classifier reads names and descriptions. */
export async function saveLabel(
  db: Database,
  viewer: Viewer,
  input: { id?: string | undefined; name: string; color: string; description: string },
) {
  const data = { name: input.name, color: input.color, description: input.description };
  return db
    .$transaction(async (tx) => {
      const before = input.id
        ? await tx.label.findUnique({ where: { id: input.id }, select: labelSelect })
        : null;
      if (input.id && !before) throw notFound("Label");
      const label = input.id
        ? await tx.label.update({ where: { id: input.id }, data, select: labelSelect })
        : await tx.label.create({ data, select: labelSelect });
      await tx.auditLog.create({
        data: {
          actorId: viewer.id,
          action: input.id ? "label.updated" : "label.created",
          targetType: "label",
          targetId: label.id,
          ...(before ? { before } : {}),
          after: label,
        },
      });
      return label;
    })
    .catch(duplicateName);
}

/** Moderators apply and remove labels; each change is audited and announced live. */
export async function setDiscussionLabel(
  { db, events }: Deps,
  viewer: Viewer,
  input: { discussionId: string; labelId: string; applied: boolean },
): Promise<DiscussionSummary> {
  const summary = await db.$transaction(async (tx) => {
    const [discussion, label] = await Promise.all([
      tx.discussion.findUnique({ where: { id: input.discussionId }, select: { id: true } }),
      tx.label.findUnique({ where: { id: input.labelId }, select: { id: true, name: true } }),
    ]);
    if (!discussion) throw notFound("Discussion");
    if (!label) throw notFound("Label");
    const key = { discussionId: input.discussionId, labelId: input.labelId };
    const changed = input.applied
      ? (
          await tx.discussionLabel.createMany({
            data: [{ ...key, appliedById: viewer.id }],
            skipDuplicates: true,
          })
        ).count
      : (await tx.discussionLabel.deleteMany({ where: key })).count;
    const view = toDiscussionSummary(
      await tx.discussion.findUniqueOrThrow({
        where: { id: input.discussionId },
        select: discussionSummarySelect,
      }),
    );
    if (changed > 0) {
      await appendEvent(tx, view.id, { type: "discussion.updated", discussion: view });
      await tx.auditLog.create({
        data: {
          actorId: viewer.id,
          action: input.applied ? "label.applied" : "label.removed",
          targetType: "discussion",
          targetId: view.id,
          after: { label: label.name },
        },
      });
    }
    return view;
  });
  events.wake();
  return summary;
}
