import { z } from "zod";
import { text } from "../text";
import { restRoute } from "../../rest/meta";
import { messageViewSchema } from "../../views/message";
import { userRefSchema } from "../../views/user";
import { attachmentIdsSchema } from "../../services/attachments-policy";
import { bodySchema } from "../discussion/schemas";

export const listMessagesInput = z.object({
  discussionId: z.uuid(),
  cursor: text().max(200).nullish(),
  /** forward: towards newer messages (from the first one without a cursor); backward: towards older ones (from the newest). */
  direction: z.enum(["forward", "backward"]).default("forward"),
  /** Start the page at this message (a permalink, the first unread); ignored with a cursor. */
  anchor: z.uuid().nullish(),
  limit: z.number().int().min(1).max(200).default(100),
});
export const listMessagesOutput = z.object({
  items: z.array(messageViewSchema),
  nextCursor: z.string().nullable(),
  prevCursor: z.string().nullable(),
});

export const createMessageInput = z.object({
  discussionId: z.uuid(),
  parentId: z.uuid().nullish(),
  body: bodySchema,
  attachmentIds: attachmentIdsSchema,
});
export const editMessageInput = z.object({
  id: z.uuid(),
  body: bodySchema,
  attachmentIds: attachmentIdsSchema,
});
export const messageIdInput = z.object({ id: z.uuid() });

export const messageHistoryOutput = z.object({
  revisions: z.array(
    z.object({
      id: z.uuid(),
      body: z.string(),
      createdAt: z.iso.datetime(),
      editedBy: userRefSchema,
    }),
  ),
});

export const listMessagesRoute = restRoute("GET", "/discussions/{discussionId}/messages", {
  summary: "List a discussion's messages",
  description:
    "Oldest first within a page. Without a cursor, `direction=forward` reads from the first message and `backward` from the newest; `anchor` starts at a given message. Pass `nextCursor` with `direction=forward`, or `prevCursor` with `direction=backward`, to read on.",
  tag: "Messages",
  auth: "optional",
  errors: [400, 401, 404],
});
export const createMessageRoute = restRoute("POST", "/discussions/{discussionId}/messages", {
  summary: "Post a message or a reply",
  description: "Set `parentId` to reply to a message. Honours `Idempotency-Key`.",
  tag: "Messages",
  auth: "required",
  errors: [401, 403, 404, 409],
});
export const editMessageRoute = restRoute("PATCH", "/messages/{id}", {
  summary: "Edit your message",
  description: "The earlier body is kept in the message's history.",
  tag: "Messages",
  auth: "required",
  errors: [401, 403, 404, 409],
});
export const deleteMessageRoute = restRoute("DELETE", "/messages/{id}", {
  summary: "Delete a message",
  description:
    "Its author or a moderator may delete it; the message stays as an empty placeholder for its replies.",
  tag: "Messages",
  auth: "required",
  errors: [400, 401, 403, 404],
});
export const messageHistoryRoute = restRoute("GET", "/messages/{id}/history", {
  summary: "Earlier versions of a message",
  tag: "Messages",
  auth: "optional",
  errors: [400, 401, 404],
});
