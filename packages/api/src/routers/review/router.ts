import { createFlag } from "../../moderation/flags";
import { listReviewItems, resolveReviewItem } from "../../moderation/review";
import { createTRPCRouter, memberProcedure, moderatorProcedure, rateLimited } from "../../trpc";
import {
  createFlagInput,
  createFlagRoute,
  flagOutput,
  listReviewInput,
  listReviewOutput,
  listReviewRoute,
  resolveReviewInput,
  resolveReviewRoute,
  reviewItemViewSchema,
} from "./schemas";

/** Members report messages. */
export const flagRouter = createTRPCRouter({
  create: memberProcedure
    .use(rateLimited("flag"))
    .meta(createFlagRoute)
    .input(createFlagInput)
    .output(flagOutput)
    .mutation(({ ctx, input }) => createFlag(ctx, ctx.viewer, input)),
});

/** The moderators' review queue. */
export const reviewRouter = createTRPCRouter({
  list: moderatorProcedure
    .meta(listReviewRoute)
    .input(listReviewInput)
    .output(listReviewOutput)
    .query(({ ctx, input }) => listReviewItems(ctx.db, input)),

  resolve: moderatorProcedure
    .meta(resolveReviewRoute)
    .input(resolveReviewInput)
    .output(reviewItemViewSchema)
    .mutation(({ ctx, input }) => resolveReviewItem(ctx, ctx.viewer, input)),
});
