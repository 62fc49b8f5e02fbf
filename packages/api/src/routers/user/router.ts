import { searchUsers } from "../../services/user-search";
import { authedProcedure, createTRPCRouter } from "../../trpc";
import { searchUsersInput, searchUsersOutput, searchUsersRoute } from "./schemas";

export const userRouter = createTRPCRouter({
  /** Signed-in accounts only: the member list is not public. */
  search: authedProcedure
    .meta(searchUsersRoute)
    .input(searchUsersInput)
    .output(searchUsersOutput)
    .query(async ({ ctx, input }) => ({ items: await searchUsers(ctx.db, input.prefix) })),
});
