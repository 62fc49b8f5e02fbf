import { createDiscussion, getDiscussion, listDiscussions, updateDiscussion } from "../../services/discussions";
import { createTRPCRouter, memberProcedure, publicProcedure, rateLimited } from "../../trpc";
import { discussionSummarySchema } from "../../views/discussion";
import {
  createDiscussionInput,
  createDiscussionRoute,
  discussionIdInput,
  getDiscussionRoute,
  listDiscussionsInput,
  listDiscussionsOutput,
  listDiscussionsRoute,
  updateDiscussionInput,
  updateDiscussionRoute,
} from "./schemas";

export const discussionRouter = createTRPCRouter({
  list: publicProcedure
    .meta(listDiscussionsRoute)
    .input(listDiscussionsInput)
    .output(listDiscussionsOutput)
    .query(({ ctx, input }) => listDiscussions(ctx.db, { ...input, cursor: input.cursor ?? undefined })),

  get: publicProcedure
    .meta(getDiscussionRoute)
    .input(discussionIdInput)
    .output(discussionSummarySchema)
    .query(({ ctx, input }) => getDiscussion(ctx.db, input.id)),

  create: memberProcedure
    .use(rateLimited("discussion.create"))
    .meta(createDiscussionRoute)
    .input(createDiscussionInput)
    .output(discussionSummarySchema)
    .mutation(({ ctx, input }) => createDiscussion(ctx, ctx.viewer, input)),

  update: memberProcedure
    .use(rateLimited("edit"))
    .meta(updateDiscussionRoute)
    .input(updateDiscussionInput)
    .output(discussionSummarySchema)
    .mutation(({ ctx, input }) => updateDiscussion(ctx, ctx.viewer, input)),
});
