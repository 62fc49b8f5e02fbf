import { z } from "zod";
import { restRoute } from "../../rest/meta";
import { markReadResultSchema, readPositionSchema } from "../../services/reading";

export const readPositionInput = z.object({ discussionId: z.uuid() });
export const readPositionOutput = readPositionSchema;

export const markReadInput = z.object({
  discussionId: z.uuid(),
  /** The furthest message the reader has seen; a position before the current one is ignored. */
  messageId: z.uuid(),
});
export const markReadOutput = markReadResultSchema;

export const readPositionRoute = restRoute("GET", "/discussions/{discussionId}/read-position", {
  summary: "Where you stand in a discussion",
  description:
    "The last message you have read and the first visible message after it (open the thread there with `anchor`). Both are null on a first visit; `firstUnreadMessageId` is null when you have read up to the newest message.",
  tag: "Messages",
  auth: "required",
  errors: [400, 401, 404],
});
export const markReadRoute = restRoute("POST", "/discussions/{discussionId}/read-position", {
  summary: "Mark a discussion read up to a message",
  description:
    "Moves your read position forward to `messageId` (a message of this discussion you can see). It never moves back: an earlier message leaves it where it is (`moved: false`).",
  tag: "Messages",
  auth: "required",
  errors: [400, 401, 404],
});
