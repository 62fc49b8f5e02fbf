import { type Database } from "@parley/db";
import { runOnce } from "graphile-worker";
import { type AgentSettings } from "./jobs/run-agent-job";
import { OfflineProvider } from "./providers/offline";
import { type AgentProvider } from "./providers/types";
import { createTaskList } from "./tasks";

/** Settings for tests of other packages: the env defaults with fast deltas. */
export function agentTestSettings(overrides: Partial<AgentSettings> = {}): AgentSettings {
  return {
    moderation: { policy: "redact", threshold: 0.8 },
    summaryMaxMessages: 200,
    summaryBlockMessages: 50,
    styleGuide: "Be brief.",
    autoApplyThreshold: undefined,
    minLabelConfidence: 0.3,
    deltaFlushMs: 5,
    ...overrides,
  };
}

/** Runs every queued agent job once through the real worker tasks (offline provider unless
 * given one), for tests of packages that enqueue jobs. */
export async function runQueuedAgentJobs(
  url: string,
  db: Database,
  options: { provider?: AgentProvider; settings?: Partial<AgentSettings> } = {},
): Promise<void> {
  await runOnce({
    connectionString: url,
    taskList: createTaskList({
      db,
      provider: options.provider ?? new OfflineProvider(),
      settings: agentTestSettings(options.settings),
    }),
  });
}
