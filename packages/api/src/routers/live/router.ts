import { type AgentEvent } from "@parley/agent/contracts";
import { type ReviewQueueEvent } from "../../moderation/events";
import { getAgentJob, jobReplayStart, SOURCES_CHANGED } from "../../services/agent-jobs";
import { assertReadableDiscussion } from "../../services/discussions";
import { streamEvents } from "../../events/stream";
import {
  type LiveDiscussionEvent,
  type LiveThreadEvent,
  type OutboxEvent,
} from "../../events/types";
import { DomainError, withTypedErrors } from "../../errors";
import { createTRPCRouter, moderatorProcedure, publicProcedure } from "../../trpc";
import { notificationEvents } from "../notification/live";
import { agentJobEventsInput } from "../agent/schemas";
import { discussionEventsInput, threadEventsInput } from "./schemas";

const isThreadEvent = (e: OutboxEvent): e is LiveThreadEvent =>
  e.type === "message.created" ||
  e.type === "message.updated" ||
  e.type === "message.deleted" ||
  e.type === "discussion.updated" ||
  (e.type === "agent.job.updated" && e.job.type !== "draft_reply");
const isReviewEvent = (e: OutboxEvent): e is ReviewQueueEvent =>
  e.type === "review.item.opened" || e.type === "review.item.updated" || e.type === "review.item.resolved";
const isListEvent = (e: OutboxEvent): e is LiveDiscussionEvent =>
  e.type === "discussion.created" || e.type === "discussion.updated";

export const liveRouter = createTRPCRouter({
  /** Messages posted, edited and deleted in one discussion, and changes to the discussion. */
  discussion: publicProcedure.input(threadEventsInput).subscription(({ ctx, input, signal }) =>
    withTypedErrors(
      (async function* () {
        await assertReadableDiscussion(ctx.db, ctx.viewer, input.discussionId);
        yield* streamEvents({
          db: ctx.db,
          bus: ctx.events,
          signal,
          viewer: ctx.viewer,
          lastEventId: input.lastEventId,
          discussionId: input.discussionId,
          accept: isThreadEvent,
        });
      })(),
    ),
  ),

  /** One agent job's progress: status changes and streamed text, for whoever may see the job. */
  agentJob: publicProcedure.input(agentJobEventsInput).subscription(({ ctx, input, signal }) =>
    withTypedErrors(
      (async function* () {
        const job = await getAgentJob(ctx.db, ctx.viewer, input.jobId);
        // A summary withheld from this viewer (its sources changed) has no history to replay:
        // its stored events carry the old text.
        if (job.result === null && job.freshness?.sourcesChanged) throw new DomainError("CONFLICT", SOURCES_CHANGED);
        const ofThisJob = (e: OutboxEvent): e is AgentEvent =>
          (e.type === "agent.job.updated" && e.job.id === job.id) ||
          (e.type === "agent.job.delta" && e.jobId === job.id);
        yield* streamEvents({
          db: ctx.db,
          bus: ctx.events,
          signal,
          viewer: ctx.viewer,
          lastEventId: input.lastEventId ?? (await jobReplayStart(ctx.db, job)),
          discussionId: job.discussionId,
          accept: ofThisJob,
        });
      })(),
    ),
  ),

  /** New and changed discussions, for the list page. */
  discussions: publicProcedure.input(discussionEventsInput).subscription(({ ctx, input, signal }) =>
    withTypedErrors(
      (async function* () {
        yield* streamEvents({
          db: ctx.db,
          bus: ctx.events,
          signal,
          viewer: ctx.viewer,
          lastEventId: input.lastEventId,
          accept: isListEvent,
        });
      })(),
    ),
  ),

  /** The moderators' review queue: items opened, bumped and resolved (ids and state only). */
  reviewQueue: moderatorProcedure.input(discussionEventsInput).subscription(({ ctx, input, signal }) =>
    withTypedErrors(
      (async function* () {
        yield* streamEvents({
          db: ctx.db,
          bus: ctx.events,
          signal,
          viewer: ctx.viewer,
          lastEventId: input.lastEventId,
          accept: isReviewEvent,
        });
      })(),
    ),
  ),

  /** The viewer's own new notifications (mentions, replies). */
  notifications: notificationEvents,
});
