import { type Database, type Prisma } from "@parley/db";
import { type JobHelpers, type Task } from "graphile-worker";
import { type AgentJobResult, agentJobPayloadSchema, type AgentJobType } from "../contracts";
import { type ModerationSettings } from "../moderation/moderate";
import { JobAborted, ProviderFailure } from "../providers/retry";
import { type AgentProvider, type ProviderCallContext } from "../providers/types";
import { DeltaStream } from "./delta-stream";
import {
  type AgentJobRecord,
  blockJob,
  completeJob,
  failJob,
  isFinished,
  loadJob,
  markRunning,
  requeueJob,
} from "./store";

export interface AgentSettings {
  moderation: ModerationSettings;
  /** Messages a draft reads at most (the newest). */
  summaryMaxMessages: number;
  /** Messages per stored summary block. */
  summaryBlockMessages: number;
  styleGuide: string;
  autoApplyThreshold: number | undefined;
  minLabelConfidence: number;
  deltaFlushMs: number;
}

export interface AgentDeps {
  db: Database;
  provider: AgentProvider;
  settings: AgentSettings;
}

/** What a workflow decided: a result to store (with extra writes in the same transaction), or a block. */
export type WorkflowOutcome =
  | {
      kind: "completed";
      result: AgentJobResult;
      extra?: (tx: Prisma.TransactionClient) => Promise<void>;
    }
  | { kind: "blocked"; reason: string };

export interface WorkflowContext {
  job: AgentJobRecord;
  deps: AgentDeps;
  call: ProviderCallContext;
  helpers: JobHelpers;
}

export type Workflow = (ctx: WorkflowContext) => Promise<WorkflowOutcome>;

/**
 * The life of every agent job: parse the versioned payload, skip a finished job (re-runs are
 * harmless), mark it running, run the workflow with streamed deltas, store the outcome. A
 * provider failure fails the job with its reason; a shutdown leaves it to run again; anything
 * else is retried by graphile-worker and fails the job on the last attempt.
 */
export function agentTask(type: AgentJobType, workflow: Workflow, deps: AgentDeps): Task {
  return async (payload, helpers) => {
    const { jobId } = agentJobPayloadSchema.parse(payload);
    const job = await loadJob(deps.db, jobId);
    if (!job) {
      helpers.logger.warn(
        `agent job ${jobId} no longer exists (its discussion was deleted?): nothing to do`,
      );
      return;
    }
    if (job.type !== type) throw new Error(`agent job ${jobId} is a ${job.type} job, not ${type}`);
    if (isFinished(job)) {
      helpers.logger.info(`agent job ${jobId} is already ${job.status}: nothing to do`);
      return;
    }
    // A job found running, or started before, was cut off (its worker died or stopped):
    // clients drop what it streamed.
    const rerun = job.status === "running" || job.startedAt !== null;
    if (!(await markRunning(deps.db, job))) return;

    const deltas = new DeltaStream(deps.db, job, deps.settings.deltaFlushMs, (error) =>
      helpers.logger.warn(`could not write a delta event for job ${jobId}: ${String(error)}`),
    );
    if (rerun) deltas.push("", { reset: true });
    const call: ProviderCallContext = {
      signal: helpers.abortSignal,
      onText: (text, options) => deltas.push(text, options),
    };
    try {
      const outcome = await workflow({ job, deps, call, helpers });
      await deltas.close();
      if (outcome.kind === "blocked") await blockJob(deps.db, jobId, outcome.reason);
      else await completeJob(deps.db, jobId, outcome.result, outcome.extra);
    } catch (error) {
      await deltas.close();
      if (error instanceof JobAborted) {
        // Shutdown: graphile-worker runs the job again later; until then it is waiting.
        await requeueJob(deps.db, jobId).catch(() => undefined);
        throw error;
      }
      if (error instanceof ProviderFailure) {
        helpers.logger.warn(`agent job ${jobId} failed: ${error.message}`);
        await failJob(deps.db, jobId, `The model provider call failed: ${error.message}.`);
        return;
      }
      if (helpers.job.attempts >= helpers.job.max_attempts) {
        await failJob(
          deps.db,
          jobId,
          "The agent hit an internal error; an administrator can retry the job.",
        );
        helpers.logger.error(`agent job ${jobId} failed on its last attempt: ${String(error)}`);
        return;
      }
      throw error;
    }
  };
}
