import { z } from "zod";
import { listLabels, saveLabel, setDiscussionLabel } from "../../services/labels";
import { adminProcedure, createTRPCRouter, moderatorProcedure, publicProcedure } from "../../trpc";
import { deleteLabel } from "../../services/moderation-labels";
import { discussionSummarySchema } from "../../views/discussion";
import { deleteLabelInput, deleteLabelRoute, okOutput } from "../moderation/schemas";
import {
  addLabelRoute,
  labelSchema,
  listLabelsRoute,
  removeLabelRoute,
  saveLabelInput,
  saveLabelRoute,
  setLabelInput,
} from "./schemas";

export const labelRouter = createTRPCRouter({
  list: publicProcedure
    .meta(listLabelsRoute)
    .output(z.array(labelSchema))
    .query(({ ctx }) => listLabels(ctx.db)),

  /** Creates a label, or updates it when `id` is given. */
  save: adminProcedure
    .meta(saveLabelRoute)
    .input(saveLabelInput)
    .output(labelSchema)
    .mutation(({ ctx, input }) => saveLabel(ctx.db, ctx.viewer, input)),

  /** Removes the label from every discussion; audited. */
  delete: adminProcedure
    .meta(deleteLabelRoute)
    .input(deleteLabelInput)
    .output(okOutput)
    .mutation(({ ctx, input }) => deleteLabel(ctx, ctx.viewer, input)),

  add: moderatorProcedure
    .meta(addLabelRoute)
    .input(setLabelInput)
    .output(discussionSummarySchema)
    .mutation(({ ctx, input }) => setDiscussionLabel(ctx, ctx.viewer, { ...input, applied: true })),

  remove: moderatorProcedure
    .meta(removeLabelRoute)
    .input(setLabelInput)
    .output(discussionSummarySchema)
    .mutation(({ ctx, input }) =>
      setDiscussionLabel(ctx, ctx.viewer, { ...input, applied: false }),
    ),
});
