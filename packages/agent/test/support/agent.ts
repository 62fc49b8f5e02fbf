import { type Database } from "@parley/db";
import { runOnce } from "graphile-worker";
import {
  type AgentJobType,
  type AgentEvent,
  agentEventSchema,
  type AgentJobView,
} from "../../src/contracts";
import { enqueueAgentJob } from "../../src/enqueue";
import { type AgentSettings } from "../../src/jobs/run-agent-job";
import { type AgentProvider } from "../../src/providers/types";
import { createTaskList } from "../../src/tasks";
import { agentTestSettings } from "../../src/testing";

export const testSettings = agentTestSettings;

let keys = 0;

/** Requests a job the way the API does: one transaction, the caller's key. */
export async function requestJob(
  db: Database,
  input: { discussionId: string; requestedById: string; type: AgentJobType; jobKey?: string },
): Promise<AgentJobView> {
  const { job } = await db.$transaction((tx) =>
    enqueueAgentJob(tx, { jobKey: `test-${process.pid}-${++keys}`, ...input }),
  );
  return job;
}

/** Runs every queued job once through the real worker machinery. */
export async function runJobs(
  url: string,
  db: Database,
  provider: AgentProvider,
  settings: AgentSettings = testSettings(),
): Promise<void> {
  await runOnce({ connectionString: url, taskList: createTaskList({ db, provider, settings }) });
}

export async function jobRow(db: Database, id: string) {
  return db.agentJob.findUniqueOrThrow({ where: { id } });
}

/** The agent events of one job, in outbox order. */
export async function jobEvents(db: Database, jobId: string): Promise<AgentEvent[]> {
  const rows = await db.$queryRaw<{ payload: unknown }[]>`
    SELECT payload FROM events
    WHERE topic LIKE 'agent.job.%' AND (payload->>'jobId' = ${jobId} OR payload->'job'->>'id' = ${jobId})
    ORDER BY tx, id`;
  return rows.map((r) => agentEventSchema.parse(r.payload));
}

export function statuses(events: AgentEvent[]): string[] {
  return events.flatMap((e) => (e.type === "agent.job.updated" ? [e.job.status] : []));
}

export function streamedText(events: AgentEvent[]): string {
  let text = "";
  for (const e of events) {
    if (e.type !== "agent.job.delta") continue;
    text = e.reset ? e.text : text + e.text;
  }
  return text;
}
