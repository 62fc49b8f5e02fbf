import type { RouterOutputs } from "@parley/api";

export type AgentJob = RouterOutputs["agent"]["job"];
export type AgentJobType = AgentJob["type"];

export type SummaryResult = Extract<NonNullable<AgentJob["result"]>, { summary: string }>;
export type DraftResult = Extract<NonNullable<AgentJob["result"]>, { reply: string }>;

export const isActive = (job: AgentJob | undefined) => job?.status === "queued" || job?.status === "running";

export function summaryOf(job: AgentJob | undefined): SummaryResult | null {
  return job?.result && "summary" in job.result ? job.result : null;
}

export function draftOf(job: AgentJob | undefined): DraftResult | null {
  return job?.result && "reply" in job.result ? job.result : null;
}
