import { type AgentEnv } from "../env";
import { createHuggingFaceProvider } from "./huggingface";
import { OfflineProvider } from "./offline";
import { type RetryPolicy } from "./retry";
import { createSelfHostedProvider } from "./self-hosted";
import { type AgentProvider } from "./types";

export type ProviderEnv = Pick<
  AgentEnv,
  | "AGENT_PROVIDER"
  | "HF_API_TOKEN"
  | "HF_SUMMARY_PROVIDER"
  | "HF_SUMMARY_MODEL"
  | "HF_DRAFT_PROVIDER"
  | "HF_DRAFT_MODEL"
  | "HF_CLASSIFY_PROVIDER"
  | "HF_CLASSIFY_MODEL"
  | "HF_MODERATION_PROVIDER"
  | "HF_MODERATION_MODEL"
  | "AGENT_SELF_HOSTED_URL"
  | "AGENT_SELF_HOSTED_MODEL"
  | "AGENT_SELF_HOSTED_API_KEY"
  | "AGENT_CALL_TIMEOUT_MS"
  | "AGENT_RETRY_ATTEMPTS"
  | "AGENT_RETRY_BASE_MS"
  | "AGENT_RETRY_MAX_DELAY_MS"
  | "AGENT_TOKEN_BUDGET"
  | "AGENT_MAX_OUTPUT_TOKENS"
>;

export function retryPolicyFrom(env: ProviderEnv): RetryPolicy {
  return {
    attempts: env.AGENT_RETRY_ATTEMPTS,
    baseDelayMs: env.AGENT_RETRY_BASE_MS,
    maxDelayMs: env.AGENT_RETRY_MAX_DELAY_MS,
    timeoutMs: env.AGENT_CALL_TIMEOUT_MS,
  };
}

/** Which backend runs the agent: as configured, or by what is set (`auto`). */
export function resolveProviderKind(
  env: Pick<ProviderEnv, "AGENT_PROVIDER" | "HF_API_TOKEN" | "AGENT_SELF_HOSTED_URL">,
): "huggingface" | "self-hosted" | "offline" {
  if (env.AGENT_PROVIDER !== "auto") return env.AGENT_PROVIDER;
  if (env.HF_API_TOKEN) return "huggingface";
  if (env.AGENT_SELF_HOSTED_URL) return "self-hosted";
  return "offline";
}

export function createProvider(
  env: ProviderEnv,
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void,
): AgentProvider {
  const kind = resolveProviderKind(env);
  const options = {
    tokenBudget: env.AGENT_TOKEN_BUDGET,
    maxOutputTokens: env.AGENT_MAX_OUTPUT_TOKENS,
  };
  const policy = retryPolicyFrom(env);
  if (kind === "huggingface") {
    if (!env.HF_API_TOKEN) throw new Error("AGENT_PROVIDER=huggingface needs HF_API_TOKEN");
    const target = (provider: string, model: string) => ({ provider, model });
    return createHuggingFaceProvider(
      {
        targets: {
          summary: target(env.HF_SUMMARY_PROVIDER, env.HF_SUMMARY_MODEL),
          draft_reply: target(env.HF_DRAFT_PROVIDER, env.HF_DRAFT_MODEL),
          classify: target(env.HF_CLASSIFY_PROVIDER, env.HF_CLASSIFY_MODEL),
        },
        moderation: target(env.HF_MODERATION_PROVIDER, env.HF_MODERATION_MODEL),
      },
      { accessToken: env.HF_API_TOKEN, policy, ...(onRetry ? { onRetry } : {}) },
      options,
    );
  }
  if (kind === "self-hosted") {
    if (!env.AGENT_SELF_HOSTED_URL)
      throw new Error("AGENT_PROVIDER=self-hosted needs AGENT_SELF_HOSTED_URL");
    return createSelfHostedProvider(
      { baseUrl: env.AGENT_SELF_HOSTED_URL, model: env.AGENT_SELF_HOSTED_MODEL },
      { accessToken: env.AGENT_SELF_HOSTED_API_KEY ?? "", policy, ...(onRetry ? { onRetry } : {}) },
      options,
    );
  }
  return new OfflineProvider();
}
