import { type AgentEnv } from "./env";
import { type AgentSettings } from "./jobs/run-agent-job";
import { readSummaryEnv } from "./summaries/env";

export function agentSettingsFrom(
  env: AgentEnv,
  // The summary settings are validated by their own schema until the agent's env.ts takes them in.
  summaryEnv = readSummaryEnv(),
): AgentSettings {
  return {
    moderation: { policy: env.AGENT_MODERATION_POLICY, threshold: env.AGENT_TOXICITY_THRESHOLD },
    summaryMaxMessages: env.AGENT_SUMMARY_MAX_MESSAGES,
    summaryBlockMessages: summaryEnv.AGENT_SUMMARY_BLOCK_MESSAGES,
    styleGuide: env.AGENT_STYLE_GUIDE,
    autoApplyThreshold: env.AGENT_AUTO_APPLY_THRESHOLD,
    minLabelConfidence: env.AGENT_MIN_LABEL_CONFIDENCE,
    deltaFlushMs: env.AGENT_DELTA_FLUSH_MS,
  };
}
