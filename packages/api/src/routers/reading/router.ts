import { markRead, readPosition } from "../../services/reading";
import { authedProcedure, createTRPCRouter } from "../../trpc";
import {
  markReadInput,
  markReadOutput,
  markReadRoute,
  readPositionInput,
  readPositionOutput,
  readPositionRoute,
} from "./schemas";

// One's own read position is kept for suspended accounts and read-only tokens too (as
// notifications are): it changes nothing anyone else sees. The account is always the caller's.
export const readingRouter = createTRPCRouter({
  position: authedProcedure
    .meta(readPositionRoute)
    .input(readPositionInput)
    .output(readPositionOutput)
    .query(({ ctx, input }) => readPosition(ctx.db, ctx.viewer, input.discussionId)),

  markRead: authedProcedure
    .meta(markReadRoute)
    .input(markReadInput)
    .output(markReadOutput)
    .mutation(({ ctx, input }) => markRead(ctx.db, ctx.viewer, input)),
});
