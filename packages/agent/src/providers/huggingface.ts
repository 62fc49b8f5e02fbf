import { type AgentJobType } from "../contracts";
import { HfCalls, type HfCallsOptions, type HfTarget } from "./hf-calls";
import { type ModelBackend, ModelProvider, type ModelProviderOptions } from "./model-provider";

export interface HuggingFaceSettings {
  /** Chat models (summaries, drafts) and the zero-shot classifier, per workflow. */
  targets: Record<AgentJobType, HfTarget>;
  /** The text-classification model that scores toxicity for the moderation hook. */
  moderation: HfTarget;
}

/** Hugging Face Inference: chat completion streaming for summaries and drafts, zero-shot
 * classification for labels, a text classifier for toxicity. */
export function createHuggingFaceProvider(
  settings: HuggingFaceSettings,
  calls: HfCallsOptions,
  options: ModelProviderOptions,
): ModelProvider {
  const hf = new HfCalls(calls);
  const backend: ModelBackend = {
    name: "huggingface",
    model: (workflow) => settings.targets[workflow].model,
    chat: (workflow, request, ctx) => hf.chat(settings.targets[workflow], request, ctx),
    zeroShot: (text, labels, ctx) => hf.zeroShot(settings.targets.classify, text, labels, ctx),
    classifyToxicity: (text, ctx) => hf.textClassification(settings.moderation, text, ctx),
    moderationModel: settings.moderation.model,
  };
  return new ModelProvider(backend, options);
}
