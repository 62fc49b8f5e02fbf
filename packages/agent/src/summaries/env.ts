import { parseEnv } from "@parley/db";
import { z } from "zod";

/** The summaries' settings; checked with the worker's other schemas (process-env.ts). */
export const summaryEnvSchema = z.object({
  /** Messages per stored block: a summary merges the blocks' partial summaries, and an update
   * summarizes only new or changed blocks. */
  AGENT_SUMMARY_BLOCK_MESSAGES: z.coerce.number().int().min(5).max(1000).default(50),
});
export type SummaryEnv = z.infer<typeof summaryEnvSchema>;

export const readSummaryEnv = (source: NodeJS.ProcessEnv = process.env): SummaryEnv =>
  parseEnv(summaryEnvSchema, source);
