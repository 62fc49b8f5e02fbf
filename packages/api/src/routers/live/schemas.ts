import { z } from "zod";

export const threadEventsInput = z.object({
  discussionId: z.uuid(),
  /** Set by the SSE client from Last-Event-ID when it reconnects. */
  lastEventId: z.string().max(50).nullish(),
});

export const discussionEventsInput = z.object({ lastEventId: z.string().max(50).nullish() });
