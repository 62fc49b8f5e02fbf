import { agentJobTypeSchema, agentJobViewSchema } from "@parley/agent/contracts";
import { z } from "zod";

export const requestAgentJobInput = z.object({ discussionId: z.uuid(), type: agentJobTypeSchema });
export const requestAgentJobOutput = z.object({
  job: agentJobViewSchema,
  /** False when the same request was already made: the existing job is returned. */
  created: z.boolean(),
});
export const agentJobInput = z.object({ id: z.uuid() });
export const listAgentJobsInput = z.object({
  discussionId: z.uuid(),
  type: agentJobTypeSchema.optional(),
  limit: z.number().int().min(1).max(50).default(10),
});
export const agentJobEventsInput = z.object({ jobId: z.uuid(), lastEventId: z.string().max(50).nullish() });
