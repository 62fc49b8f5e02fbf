import { listAllAgentJobs } from "../../services/moderation-agent-jobs";
import {
  banAccount,
  listAccounts,
  reinstateAccount,
  setAccountRole,
  suspendAccount,
} from "../../services/moderation-accounts";
import { listAuditLog } from "../../services/moderation-audit";
import { setDiscussionLocked } from "../../services/moderation-discussions";
import { adminSendPasswordReset } from "../../services/password-reset";
import { adminProcedure, createTRPCRouter, moderatorProcedure } from "../../trpc";
import { discussionSummarySchema } from "../../views/discussion";
import {
  agentJobsInput,
  agentJobsOutput,
  agentJobsRoute,
  auditLogInput,
  auditLogOutput,
  auditLogRoute,
  banInput,
  banRoute,
  discussionLockInput,
  listUsersInput,
  listUsersOutput,
  listUsersRoute,
  lockRoute,
  moderatedUserSchema,
  reinstateRoute,
  sendPasswordResetOutput,
  sendPasswordResetRoute,
  setRoleInput,
  setRoleRoute,
  suspendInput,
  suspendRoute,
  unlockRoute,
  userIdInput,
} from "./schemas";

/** Moderators' and admins' actions on accounts and discussions; each change is audited in its transaction. */
export const moderationRouter = createTRPCRouter({
  users: moderatorProcedure
    .meta(listUsersRoute)
    .input(listUsersInput)
    .output(listUsersOutput)
    .query(({ ctx, input }) => listAccounts(ctx, ctx.viewer, { ...input, cursor: input.cursor ?? undefined })),

  suspend: moderatorProcedure
    .meta(suspendRoute)
    .input(suspendInput)
    .output(moderatedUserSchema)
    .mutation(({ ctx, input }) => suspendAccount(ctx, ctx.viewer, { ...input, until: new Date(input.until) })),

  ban: moderatorProcedure
    .meta(banRoute)
    .input(banInput)
    .output(moderatedUserSchema)
    .mutation(({ ctx, input }) => banAccount(ctx, ctx.viewer, input)),

  reinstate: moderatorProcedure
    .meta(reinstateRoute)
    .input(userIdInput)
    .output(moderatedUserSchema)
    .mutation(({ ctx, input }) => reinstateAccount(ctx, ctx.viewer, input)),

  setRole: adminProcedure
    .meta(setRoleRoute)
    .input(setRoleInput)
    .output(moderatedUserSchema)
    .mutation(({ ctx, input }) => setAccountRole(ctx, ctx.viewer, input)),

  sendPasswordReset: adminProcedure
    .meta(sendPasswordResetRoute)
    .input(userIdInput)
    .output(sendPasswordResetOutput)
    .mutation(async ({ ctx, input }) => {
      await adminSendPasswordReset(ctx.db, ctx.viewer, input.userId, new Date(ctx.now()));
      return { status: "sent" as const };
    }),

  lockDiscussion: moderatorProcedure
    .meta(lockRoute)
    .input(discussionLockInput)
    .output(discussionSummarySchema)
    .mutation(({ ctx, input }) => setDiscussionLocked(ctx, ctx.viewer, { ...input, locked: true })),

  unlockDiscussion: moderatorProcedure
    .meta(unlockRoute)
    .input(discussionLockInput)
    .output(discussionSummarySchema)
    .mutation(({ ctx, input }) => setDiscussionLocked(ctx, ctx.viewer, { ...input, locked: false })),

  auditLog: moderatorProcedure
    .meta(auditLogRoute)
    .input(auditLogInput)
    .output(auditLogOutput)
    .query(({ ctx, input }) => listAuditLog(ctx.db, { ...input, cursor: input.cursor ?? undefined })),

  agentJobs: moderatorProcedure
    .meta(agentJobsRoute)
    .input(agentJobsInput)
    .output(agentJobsOutput)
    .query(({ ctx, input }) => listAllAgentJobs(ctx.db, { ...input, cursor: input.cursor ?? undefined })),
});
