import { agentJobStatusSchema, agentJobTypeSchema, agentJobViewSchema } from "@parley/agent/contracts";
import { z } from "zod";
import { text } from "../text";
import { restRoute } from "../../rest/meta";
import { roleSchema, userRefSchema } from "../../views/user";

const cursor = text().max(200).nullish();
const reason = text().trim().min(1, "Give a reason; the member will see it").max(500);
export const userStatusSchema = z.enum(["active", "suspended", "banned"]);

export const moderatedUserSchema = userRefSchema.extend({
  /** Shown to admins only; null for moderators. */
  email: z.string().nullable(),
  role: roleSchema,
  /** As the account lives it: a suspension that has ended reads as active. */
  status: userStatusSchema,
  statusReason: z.string().nullable(),
  suspendedUntil: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});

export const listUsersInput = z.object({
  query: text().trim().max(100).optional(),
  role: roleSchema.optional(),
  status: userStatusSchema.optional(),
  cursor,
  limit: z.number().int().min(1).max(100).default(50),
});
export const listUsersOutput = z.object({ items: z.array(moderatedUserSchema), nextCursor: z.string().nullable() });

export const suspendInput = z.object({
  userId: z.uuid(),
  /** When the suspension ends: in the future, at most a year away. */
  until: z.iso.datetime({ offset: true }),
  reason,
});
export const banInput = z.object({ userId: z.uuid(), reason });
export const userIdInput = z.object({ userId: z.uuid() });
export const setRoleInput = z.object({ userId: z.uuid(), role: roleSchema });

export const discussionLockInput = z.object({ discussionId: z.uuid() });

const auditSnapshot = z.record(z.string(), z.unknown()).nullable();
export const auditEntrySchema = z.object({
  id: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  actor: userRefSchema.nullable(),
  before: auditSnapshot,
  after: auditSnapshot,
  createdAt: z.iso.datetime(),
});
export const auditLogInput = z.object({
  actorId: z.uuid().optional(),
  action: text().trim().max(100).optional(),
  targetType: text().trim().max(50).optional(),
  targetId: text().trim().max(100).optional(),
  cursor,
  limit: z.number().int().min(1).max(100).default(50),
});
export const auditLogOutput = z.object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() });

export const moderatedAgentJobSchema = agentJobViewSchema.extend({
  discussionTitle: z.string(),
  requestedBy: userRefSchema,
});
export const agentJobsInput = z.object({
  status: agentJobStatusSchema.optional(),
  type: agentJobTypeSchema.optional(),
  cursor,
  limit: z.number().int().min(1).max(100).default(50),
});
export const agentJobsOutput = z.object({ items: z.array(moderatedAgentJobSchema), nextCursor: z.string().nullable() });

export const retryAgentJobInput = z.object({ jobId: z.uuid() });
export const retryAgentJobOutput = z.object({
  job: agentJobViewSchema,
  /** False when this job was already retried: the earlier retry is returned. */
  created: z.boolean(),
});

export const deleteLabelInput = z.object({ id: z.uuid() });
export const okOutput = z.object({ ok: z.literal(true) });

const moderators = { tag: "Moderation", auth: "required" } as const;
export const listUsersRoute = restRoute("GET", "/moderation/users", {
  ...moderators,
  summary: "Accounts, newest first",
  description: "Moderators and admins. Filter by a search on handle and name (and email, for admins), role and status. Emails are shown to admins only.",
  errors: [400, 401, 403],
});
export const suspendRoute = restRoute("POST", "/moderation/users/{userId}/suspend", {
  ...moderators,
  summary: "Suspend an account until a time",
  description: "The account may read but not write until then, and is told why. Moderators may suspend members; admins anyone but themselves.",
  errors: [400, 401, 403, 404, 409],
});
export const banRoute = restRoute("POST", "/moderation/users/{userId}/ban", {
  ...moderators,
  summary: "Ban an account",
  description: "Refuses its sign-ins and revokes every token it holds. Moderators may ban members; admins anyone but themselves.",
  errors: [400, 401, 403, 404, 409],
});
export const reinstateRoute = restRoute("POST", "/moderation/users/{userId}/reinstate", {
  ...moderators,
  summary: "Lift a suspension or a ban",
  description: "Revoked tokens stay revoked; the member signs in again.",
  errors: [400, 401, 403, 404, 409],
});
export const sendPasswordResetRoute = restRoute("POST", "/moderation/users/{userId}/password-reset", {
  ...moderators,
  summary: "Mail an account a password reset link",
  description: "Admins only. The link works once, for an hour; earlier links stop working. A banned account gets none (409).",
  errors: [400, 401, 403, 404, 409],
});
export const sendPasswordResetOutput = z.object({ status: z.literal("sent") });
export const setRoleRoute = restRoute("POST", "/moderation/users/{userId}/role", {
  ...moderators,
  summary: "Change an account's role",
  description: "Admins only. The last admin who can act keeps the role.",
  errors: [400, 401, 403, 404, 409],
});
export const lockRoute = restRoute("POST", "/moderation/discussions/{discussionId}/lock", {
  ...moderators,
  summary: "Lock a discussion",
  description: "Only moderators may post in a locked discussion.",
  errors: [400, 401, 403, 404],
});
export const unlockRoute = restRoute("POST", "/moderation/discussions/{discussionId}/unlock", {
  ...moderators,
  summary: "Unlock a discussion",
  errors: [400, 401, 403, 404],
});
export const auditLogRoute = restRoute("GET", "/moderation/audit-log", {
  ...moderators,
  summary: "The audit log, newest first",
  description: "Every moderator and admin action: who, what, when, before and after. Append-only.",
  errors: [400, 401, 403],
});
export const agentJobsRoute = restRoute("GET", "/moderation/agent-jobs", {
  ...moderators,
  summary: "Agent jobs across all discussions, newest first",
  description: "Reply drafts are listed without their text (it is private to whoever asked).",
  errors: [400, 401, 403],
});
export const retryAgentJobRoute = restRoute("POST", "/agent-jobs/{jobId}/retry", {
  ...moderators,
  summary: "Retry a failed or blocked agent job",
  description: "Moderators. Queues the same work again as a new job for the same requester; a second retry of the same job returns the first.",
  errors: [400, 401, 403, 404, 409],
});
export const deleteLabelRoute = restRoute("DELETE", "/labels/{id}", {
  tag: "Labels",
  auth: "required",
  summary: "Delete a label",
  description: "Admins only. It is removed from every discussion that had it.",
  errors: [400, 401, 403, 404],
});
