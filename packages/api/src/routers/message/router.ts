import { createMessage, deleteMessage, editMessage, listMessages, messageHistory } from "../../services/messages";
import { createTRPCRouter, memberProcedure, publicProcedure } from "../../trpc";
import { messageViewSchema } from "../../views/message";
import {
  createMessageInput,
  editMessageInput,
  listMessagesInput,
  listMessagesOutput,
  messageHistoryOutput,
  messageIdInput,
} from "./schemas";

export const messageRouter = createTRPCRouter({
  list: publicProcedure
    .input(listMessagesInput)
    .output(listMessagesOutput)
    .query(({ ctx, input }) => listMessages(ctx.db, { ...input, cursor: input.cursor ?? undefined })),

  create: memberProcedure
    .input(createMessageInput)
    .output(messageViewSchema)
    .mutation(({ ctx, input }) => createMessage(ctx, ctx.viewer, { ...input, parentId: input.parentId ?? undefined })),

  edit: memberProcedure
    .input(editMessageInput)
    .output(messageViewSchema)
    .mutation(({ ctx, input }) => editMessage(ctx, ctx.viewer, input)),

  delete: memberProcedure
    .input(messageIdInput)
    .output(messageViewSchema)
    .mutation(({ ctx, input }) => deleteMessage(ctx, ctx.viewer, input)),

  history: publicProcedure
    .input(messageIdInput)
    .output(messageHistoryOutput)
    .query(({ ctx, input }) => messageHistory(ctx.db, ctx.viewer, input.id)),
});
