import { z } from "zod";
import { dbEnvSchema, parseEnv } from "@parley/db";

const ms = (fallback: number) => z.coerce.number().int().min(0).max(3_600_000).default(fallback);
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));
const hfProvider = z.string().trim().min(1);

export const agentEnvSchema = dbEnvSchema.extend({
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
  EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  /** Which model backend runs the agent. `auto`: Hugging Face when HF_API_TOKEN is set, the
   * self-hosted endpoint when AGENT_SELF_HOSTED_URL is set, else the offline provider. */
  AGENT_PROVIDER: z.enum(["auto", "huggingface", "self-hosted", "offline"]).default("auto"),
  HF_API_TOKEN: optionalText,
  /** Hugging Face Inference provider per workflow ("auto" routes chat through the HF router;
   * classification runs on "hf-inference", where chat completion is not served). */
  HF_SUMMARY_PROVIDER: hfProvider.default("auto"),
  HF_SUMMARY_MODEL: z.string().min(1).default("meta-llama/Llama-3.1-8B-Instruct"),
  HF_DRAFT_PROVIDER: hfProvider.default("auto"),
  HF_DRAFT_MODEL: z.string().min(1).default("meta-llama/Llama-3.1-8B-Instruct"),
  HF_CLASSIFY_PROVIDER: hfProvider.default("hf-inference"),
  HF_CLASSIFY_MODEL: z.string().min(1).default("facebook/bart-large-mnli"),
  HF_MODERATION_PROVIDER: hfProvider.default("hf-inference"),
  HF_MODERATION_MODEL: z.string().min(1).default("unitary/toxic-bert"),
  /** An OpenAI-compatible server (TGI, vLLM, `ollama serve`): its base URL, e.g.
   * http://localhost:11434/v1, the model it serves, and an API key if it wants one. */
  AGENT_SELF_HOSTED_URL: z.url().optional(),
  AGENT_SELF_HOSTED_MODEL: z.string().min(1).default("llama3.1"),
  AGENT_SELF_HOSTED_API_KEY: optionalText,

  /** Per provider call; a streamed reply must finish within it. */
  AGENT_CALL_TIMEOUT_MS: ms(60_000),
  /** Provider calls per request before the job fails (with backoff and jitter between). */
  AGENT_RETRY_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  AGENT_RETRY_BASE_MS: ms(500),
  /** No single wait (Retry-After, 503 estimated_time, backoff) is longer than this. */
  AGENT_RETRY_MAX_DELAY_MS: ms(30_000),
  /** Input tokens one provider call may carry; longer threads are summarized map-reduce. */
  AGENT_TOKEN_BUDGET: z.coerce.number().int().min(200).max(1_000_000).default(6000),
  AGENT_MAX_OUTPUT_TOKENS: z.coerce.number().int().min(16).max(32_000).default(600),
  /** A first summary covers at most the latest N messages. */
  AGENT_SUMMARY_MAX_MESSAGES: z.coerce.number().int().min(1).max(100_000).default(200),
  /** What flagged content does: `block` stops the job with a reason, `redact` removes the
   * flagged spans (or the whole message) before anything is sent. */
  AGENT_MODERATION_POLICY: z.enum(["block", "redact"]).default("redact"),
  AGENT_TOXICITY_THRESHOLD: z.coerce.number().min(0).max(1).default(0.8),
  /** Label suggestions at or above this confidence are applied by the worker; unset: never. */
  AGENT_AUTO_APPLY_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
  /** Label suggestions below this confidence are not shown. */
  AGENT_MIN_LABEL_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.3),
  /** Default style guide for drafts (admins can override it site-wide in the database). */
  AGENT_STYLE_GUIDE: z
    .string()
    .default(
      "Be friendly, concise and concrete. Answer the open question first, then give next steps.",
    ),
  /** How often streamed text is written as one delta event. */
  AGENT_DELTA_FLUSH_MS: ms(100),

  /** Crash recovery: each worker pool writes a heartbeat this often; a pool silent for
   * WORKER_HEARTBEAT_STALE_MS is presumed dead and its jobs are unlocked for other workers. */
  WORKER_HEARTBEAT_INTERVAL_MS: ms(10_000),
  WORKER_HEARTBEAT_STALE_MS: ms(30_000),
  WORKER_SWEEP_INTERVAL_MS: ms(10_000),
  /** On SIGTERM, running jobs get this long to finish before their provider calls are
   * aborted; an aborted job is queued again and runs on the next worker. */
  WORKER_SHUTDOWN_ABORT_MS: ms(5_000),
});
export type AgentEnv = z.infer<typeof agentEnvSchema>;

export const readAgentEnv = (source: NodeJS.ProcessEnv = process.env): AgentEnv =>
  parseEnv(agentEnvSchema, source);
