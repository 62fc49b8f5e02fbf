"use client";

import { skipToken } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "~/trpc/react";
import { type AgentJob, type AgentJobType, isActive } from "./agent-types";

const jobsInput = (discussionId: string, type: AgentJobType) => ({ discussionId, type, limit: 1 });

/**
 * The newest job of one type in a discussion, and the text it is streaming while it runs.
 * Updates come from the job's own live stream (drafts are private, so the thread's stream
 * does not carry them); `putJob` also takes updates from the thread's stream.
 */
export function useAgentJob(discussionId: string, type: AgentJobType) {
  const utils = api.useUtils();
  const input = jobsInput(discussionId, type);
  const jobs = api.agent.jobs.useQuery(input);
  const job = jobs.data?.[0];
  const [streamed, setStreamed] = useState<{ jobId: string; text: string }>({ jobId: "", text: "" });

  function putJob(updated: AgentJob) {
    utils.agent.jobs.setData(input, (current) => {
      const newest = current?.[0];
      if (newest && newest.id !== updated.id && newest.createdAt > updated.createdAt) return current;
      return [updated];
    });
  }

  api.live.agentJob.useSubscription(job && isActive(job) ? { jobId: job.id } : skipToken, {
      onData: ({ data: event }) => {
        if (event.type === "agent.job.updated") putJob(event.job);
        else
          setStreamed((previous) => ({
            jobId: event.jobId,
            text: (previous.jobId === event.jobId && !event.reset ? previous.text : "") + event.text,
          }));
      },
  });

  const request = api.agent.request.useMutation({ onSuccess: ({ job: created }) => putJob(created) });

  return {
    job,
    isLoading: jobs.isPending,
    loadError: jobs.error,
    streamedText: job && streamed.jobId === job.id ? streamed.text : "",
    request: () => request.mutate({ discussionId, type }),
    requesting: request.isPending,
    requestError: request.error,
    putJob,
  };
}
