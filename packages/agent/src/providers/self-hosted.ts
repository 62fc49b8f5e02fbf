import { HfCalls, type HfCallsOptions } from "./hf-calls";
import { type ModelBackend, ModelProvider, type ModelProviderOptions } from "./model-provider";

export interface SelfHostedSettings {
  /** The server's OpenAI-compatible base URL, e.g. http://localhost:11434/v1 (Ollama),
   * http://tgi:8080/v1 (TGI) or http://vllm:8000/v1 (vLLM). */
  baseUrl: string;
  model: string;
}

/**
 * A self-hosted OpenAI-compatible server, reached through the Hugging Face client's
 * `endpointUrl`. Such servers offer chat only: labels come from a JSON answer, and toxicity
 * from the moderation hook's lexicon.
 */
export function createSelfHostedProvider(
  settings: SelfHostedSettings,
  calls: HfCallsOptions,
  options: ModelProviderOptions,
): ModelProvider {
  const hf = new HfCalls(calls);
  const target = { model: settings.model, endpointUrl: settings.baseUrl };
  const backend: ModelBackend = {
    name: "self-hosted",
    model: () => settings.model,
    chat: (_workflow, request, ctx) => hf.chat(target, request, ctx),
  };
  return new ModelProvider(backend, options);
}
