import { z } from "zod";
import { messageViewSchema } from "../../views/message";
import { userRefSchema } from "../../views/user";
import { bodySchema } from "../discussion/schemas";

export const listMessagesInput = z.object({
  discussionId: z.uuid(),
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(200).default(100),
});
export const listMessagesOutput = z.object({ items: z.array(messageViewSchema), nextCursor: z.string().nullable() });

export const createMessageInput = z.object({ discussionId: z.uuid(), parentId: z.uuid().nullish(), body: bodySchema });
export const editMessageInput = z.object({ id: z.uuid(), body: bodySchema });
export const messageIdInput = z.object({ id: z.uuid() });

export const messageHistoryOutput = z.object({
  revisions: z.array(z.object({ id: z.uuid(), body: z.string(), createdAt: z.iso.datetime(), editedBy: userRefSchema })),
});
