import { agentJobViewSchema } from "@parley/agent/contracts";
import { z } from "zod";
import { getAgentJob, listAgentJobs, requestAgentJob } from "../../services/agent-jobs";
import { retryAgentJob } from "../../services/moderation-agent-jobs";
import { createTRPCRouter, memberProcedure, moderatorProcedure, publicProcedure, rateLimited } from "../../trpc";
import { retryAgentJobInput, retryAgentJobOutput, retryAgentJobRoute } from "../moderation/schemas";
import {
  agentJobInput,
  agentJobRoute,
  listAgentJobsInput,
  listAgentJobsRoute,
  requestAgentJobInput,
  requestAgentJobOutput,
  requestAgentJobRoute,
} from "./schemas";

export const agentRouter = createTRPCRouter({
  /** Asks for a summary, a reply draft or label suggestions; returns the job to follow. */
  request: memberProcedure
    .use(rateLimited("agent.request"))
    .meta(requestAgentJobRoute)
    .input(requestAgentJobInput)
    .output(requestAgentJobOutput)
    .mutation(({ ctx, input }) => requestAgentJob(ctx, ctx.viewer, input)),

  /** Moderators queue a failed or blocked job again (audited). */
  retry: moderatorProcedure
    .meta(retryAgentJobRoute)
    .input(retryAgentJobInput)
    .output(retryAgentJobOutput)
    .mutation(({ ctx, input }) => retryAgentJob(ctx, ctx.viewer, input)),

  job: publicProcedure
    .meta(agentJobRoute)
    .input(agentJobInput)
    .output(agentJobViewSchema)
    .query(({ ctx, input }) => getAgentJob(ctx.db, ctx.viewer, input.id)),

  jobs: publicProcedure
    .meta(listAgentJobsRoute)
    .input(listAgentJobsInput)
    .output(z.array(agentJobViewSchema))
    .query(({ ctx, input }) => listAgentJobs(ctx.db, ctx.viewer, input)),
});
