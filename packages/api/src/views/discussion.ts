import { z } from "zod";
import { type Prisma } from "@parley/db";
import { userRefSchema, userRefSelect } from "./user";

export const discussionStatusSchema = z.enum(["open", "closed"]);

export const labelRefSchema = z.object({ id: z.uuid(), name: z.string(), color: z.string() });

export const discussionSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  status: discussionStatusSchema,
  /** Locked: only moderators may post. */
  locked: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  lastActivityAt: z.iso.datetime(),
  messageCount: z.number().int(),
  createdBy: userRefSchema,
  labels: z.array(labelRefSchema),
});
export type DiscussionSummary = z.infer<typeof discussionSummarySchema>;

export const discussionSummarySelect = {
  id: true,
  title: true,
  status: true,
  locked: true,
  createdAt: true,
  updatedAt: true,
  lastActivityAt: true,
  messageCount: true,
  createdBy: { select: userRefSelect },
  labels: { select: { label: { select: { id: true, name: true, color: true } } }, orderBy: { label: { name: "asc" } } },
} as const satisfies Prisma.DiscussionSelect;

type DiscussionRow = Prisma.DiscussionGetPayload<{ select: typeof discussionSummarySelect }>;

export function toDiscussionSummary(row: DiscussionRow): DiscussionSummary {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    locked: row.locked,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastActivityAt: row.lastActivityAt.toISOString(),
    messageCount: row.messageCount,
    createdBy: row.createdBy,
    labels: row.labels.map((l) => l.label),
  };
}
