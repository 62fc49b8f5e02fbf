import { search } from "../../services/search";
import { createTRPCRouter, publicProcedure, rateLimited } from "../../trpc";
import { searchInput, searchOutput, searchRoute } from "./schemas";

export const searchRouter = createTRPCRouter({
  query: publicProcedure
    .meta(searchRoute)
    .use(rateLimited("search"))
    .input(searchInput)
    .output(searchOutput)
    .query(({ ctx, input }) => search(ctx.db, { ...input, cursor: input.cursor ?? undefined })),
});
