import { agentJobTypeSchema, agentJobViewSchema } from "@parley/agent/contracts";
import { z } from "zod";
import { text } from "../text";
import { restRoute } from "../../rest/meta";

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
export const agentJobEventsInput = z.object({ jobId: z.uuid(), lastEventId: text().max(50).nullish() });

export const requestAgentJobRoute = restRoute("POST", "/discussions/{discussionId}/agent", {
  summary: "Ask the agent for a summary, a reply draft or label suggestions",
  description:
    "Returns the job to follow with GET /agent-jobs/{id}. The same request on an unchanged thread returns the existing job (`created: false`). Honours `Idempotency-Key`.",
  tag: "Agent",
  auth: "required",
  errors: [401, 403, 404, 409],
});
export const agentJobRoute = restRoute("GET", "/agent-jobs/{id}", {
  summary: "Get an agent job",
  description: "Its status and, once completed, its result. Reply drafts are visible to their requester only.",
  tag: "Agent",
  auth: "optional",
  errors: [400, 401, 404],
});
export const listAgentJobsRoute = restRoute("GET", "/discussions/{discussionId}/agent-jobs", {
  summary: "A discussion's newest agent jobs",
  tag: "Agent",
  auth: "optional",
  errors: [400, 401],
});
