import { z } from "zod";
import { text } from "../text";

export const threadEventsInput = z.object({
  discussionId: z.uuid(),
  /** Set by the SSE client from Last-Event-ID when it reconnects. */
  lastEventId: text().max(50).nullish(),
});

export const discussionEventsInput = z.object({ lastEventId: text().max(50).nullish() });
