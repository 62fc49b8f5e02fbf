import { createDiscussion, getDiscussion, listDiscussions, updateDiscussion } from "../../services/discussions";
import { createTRPCRouter, memberProcedure, publicProcedure } from "../../trpc";
import { discussionSummarySchema } from "../../views/discussion";
import {
  createDiscussionInput,
  discussionIdInput,
  listDiscussionsInput,
  listDiscussionsOutput,
  updateDiscussionInput,
} from "./schemas";

export const discussionRouter = createTRPCRouter({
  list: publicProcedure
    .input(listDiscussionsInput)
    .output(listDiscussionsOutput)
    .query(({ ctx, input }) => listDiscussions(ctx.db, { ...input, cursor: input.cursor ?? undefined })),

  get: publicProcedure
    .input(discussionIdInput)
    .output(discussionSummarySchema)
    .query(({ ctx, input }) => getDiscussion(ctx.db, input.id)),

  create: memberProcedure
    .input(createDiscussionInput)
    .output(discussionSummarySchema)
    .mutation(({ ctx, input }) => createDiscussion(ctx, ctx.viewer, input)),

  update: memberProcedure
    .input(updateDiscussionInput)
    .output(discussionSummarySchema)
    .mutation(({ ctx, input }) => updateDiscussion(ctx, ctx.viewer, input)),
});
