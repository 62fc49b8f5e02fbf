import {
  createMessage,
  deleteMessage,
  editMessage,
  listMessages,
  messageHistory,
} from "../../services/messages";
import { createTRPCRouter, memberProcedure, publicProcedure, rateLimited } from "../../trpc";
import { messageViewSchema } from "../../views/message";
import {
  createMessageInput,
  createMessageRoute,
  deleteMessageRoute,
  editMessageInput,
  editMessageRoute,
  listMessagesInput,
  listMessagesOutput,
  listMessagesRoute,
  messageHistoryOutput,
  messageHistoryRoute,
  messageIdInput,
} from "./schemas";

export const messageRouter = createTRPCRouter({
  list: publicProcedure
    .meta(listMessagesRoute)
    .input(listMessagesInput)
    .output(listMessagesOutput)
    .query(({ ctx, input }) => listMessages(ctx.db, input, ctx.viewer)),

  create: memberProcedure
    .use(rateLimited("message.create"))
    .meta(createMessageRoute)
    .input(createMessageInput)
    .output(messageViewSchema)
    .mutation(({ ctx, input }) =>
      createMessage(ctx, ctx.viewer, { ...input, parentId: input.parentId ?? undefined }),
    ),

  edit: memberProcedure
    .use(rateLimited("edit"))
    .meta(editMessageRoute)
    .input(editMessageInput)
    .output(messageViewSchema)
    .mutation(({ ctx, input }) => editMessage(ctx, ctx.viewer, input)),

  delete: memberProcedure
    .use(rateLimited("edit"))
    .meta(deleteMessageRoute)
    .input(messageIdInput)
    .output(messageViewSchema)
    .mutation(({ ctx, input }) => deleteMessage(ctx, ctx.viewer, input)),

  history: publicProcedure
    .meta(messageHistoryRoute)
    .input(messageIdInput)
    .output(messageHistoryOutput)
    .query(({ ctx, input }) => messageHistory(ctx.db, ctx.viewer, input.id)),
});
