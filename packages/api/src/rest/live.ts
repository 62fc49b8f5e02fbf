import { callTRPCProcedure, isTrackedEnvelope, TRPCError } from "@trpc/server";
import { type z } from "zod";
import { type Context } from "../context";
import { DomainError, toTRPCError, typedTRPCError } from "../errors";
import { decodeCursor } from "../events/cursor";
import { appRouter } from "../root";
import { agentJobEventsInput } from "../routers/agent/schemas";
import { discussionEventsInput, threadEventsInput } from "../routers/live/schemas";
import { getAgentJob } from "../services/agent-jobs";
import { assertReadableDiscussion } from "../services/discussions";
import { problem, problemFromTRPCError, problemIssues, type Problem } from "./problem";

/**
 * The live streams that plain-HTTP clients (SSE) and WebSocket clients can follow. Each is a
 * tRPC subscription of the `live` router, called in-process: the same outbox, bus, per-viewer
 * filter and read check as tRPC's own SSE, so there is one event path.
 */
export type LiveStream =
  | { kind: "discussion"; discussionId: string }
  | { kind: "agentJob"; jobId: string }
  | { kind: "discussions" };

const procedureOf = {
  discussion: "live.discussion",
  agentJob: "live.agentJob",
  discussions: "live.discussions",
} as const satisfies Record<LiveStream["kind"], string>;

/** One event as both transports send it: the outbox cursor, the event's type and the event. */
export interface LiveFrame {
  id: string;
  type: string;
  data: unknown;
}

export type OpenedLiveStream =
  | { ok: true; frames: AsyncIterable<LiveFrame> }
  | { ok: false; problem: Problem };

function inputOf(stream: LiveStream, lastEventId: string | null) {
  switch (stream.kind) {
    case "discussion":
      return threadEventsInput.safeParse({ discussionId: stream.discussionId, lastEventId });
    case "agentJob":
      return agentJobEventsInput.safeParse({ jobId: stream.jobId, lastEventId });
    case "discussions":
      return discussionEventsInput.safeParse({ lastEventId });
  }
}

function invalid(error: z.ZodError): Problem {
  const issues = problemIssues(error);
  return problem(
    400,
    "BAD_REQUEST",
    issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
    { issues },
  );
}

/** What the subscription would refuse (no such thing, not yours to read), while a status can still say so. */
async function refusal(ctx: Context, stream: LiveStream): Promise<Problem | null> {
  try {
    if (stream.kind === "discussion") await assertReadableDiscussion(ctx.db, ctx.viewer, stream.discussionId);
    // A reply draft is private to its requester: to anyone else it does not exist.
    if (stream.kind === "agentJob") await getAgentJob(ctx.db, ctx.viewer, stream.jobId);
    return null;
  } catch (error) {
    if (error instanceof DomainError) return problemFromTRPCError(toTRPCError(error));
    throw error;
  }
}

/** A failure in the middle of a stream, as the problem to send before ending it. */
export function problemOfStreamError(error: unknown): { problem: Problem; unexpected: boolean } {
  const trpcError = typedTRPCError(error) ?? (error instanceof TRPCError ? error : null);
  return trpcError
    ? { problem: problemFromTRPCError(trpcError), unexpected: false }
    : {
        problem: problem(500, "INTERNAL_SERVER_ERROR", "The stream failed; reconnect"),
        unexpected: true,
      };
}

/**
 * Checks the request, then opens the subscription: first what was missed after `lastEventId`,
 * then live events, until `signal` aborts.
 */
export async function openLiveStream(
  ctx: Context,
  stream: LiveStream,
  lastEventId: string | null,
  signal: AbortSignal,
): Promise<OpenedLiveStream> {
  const parsed = inputOf(stream, lastEventId);
  if (!parsed.success) return { ok: false, problem: invalid(parsed.error) };
  if (parsed.data.lastEventId && !decodeCursor(parsed.data.lastEventId)) {
    return {
      ok: false,
      problem: problem(
        400,
        "BAD_REQUEST",
        "Invalid Last-Event-ID: use the id of an event from this stream",
      ),
    };
  }
  const refused = await refusal(ctx, stream);
  if (refused) return { ok: false, problem: refused };

  const iterable: unknown = await callTRPCProcedure({
    router: appRouter,
    path: procedureOf[stream.kind],
    type: "subscription",
    ctx,
    getRawInput: () => Promise.resolve(parsed.data),
    signal,
    batchIndex: 0,
  });
  if (!isAsyncIterable(iterable))
    throw new Error(`${procedureOf[stream.kind]} did not return an async iterable`);
  return { ok: true, frames: framesOf(iterable) };
}

async function* framesOf(iterable: AsyncIterable<unknown>): AsyncGenerator<LiveFrame> {
  for await (const item of iterable) {
    if (!isTrackedEnvelope(item)) continue;
    const [id, data] = item;
    const type =
      typeof data === "object" && data !== null && "type" in data ? String(data.type) : "message";
    yield { id, type, data };
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}
