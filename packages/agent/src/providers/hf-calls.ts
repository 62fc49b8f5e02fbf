import {
  InferenceClient,
  InferenceClientHubApiError,
  InferenceClientInputError,
  InferenceClientProviderApiError,
  InferenceClientProviderOutputError,
  InferenceClientRoutingError,
} from "@huggingface/inference";
import { type TokenUsage } from "../contracts";
import { estimateTokens } from "../tokens";
import {
  type CallFailure,
  EmptyAnswer,
  parseRetryAfter,
  type RetryPolicy,
  withRetry,
} from "./retry";
import {
  type ChatMessage,
  type ChatRequest,
  type ChatResult,
  type ProviderCallContext,
  type ScoredLabel,
} from "./types";

type ChatStreamArgs = Parameters<InferenceClient["chatCompletionStream"]>[0];
type InferenceProviderName = NonNullable<ChatStreamArgs["provider"]>;

/** Where one kind of call goes: a Hugging Face provider and model, or a dedicated endpoint. */
export interface HfTarget {
  model: string;
  /** A Hugging Face Inference provider ("auto", "hf-inference", "together", ...). */
  provider?: string;
  /** A dedicated endpoint or any OpenAI-compatible server; excludes `provider`. */
  endpointUrl?: string;
}

interface SeenResponse {
  status?: number;
  retryAfter?: string | null;
}

function bodyField(body: unknown, field: string): unknown {
  return typeof body === "object" && body !== null && field in body
    ? (body as Record<string, unknown>)[field]
    : undefined;
}

/** Explains a failed call of the Hugging Face client, for the retry policy and for people. */
export function classifyHfError(
  error: unknown,
  timedOut: boolean,
  seen: SeenResponse,
): CallFailure {
  if (timedOut) return { retryable: true, reason: "the model provider did not answer in time" };
  if (error instanceof EmptyAnswer) return { retryable: true, reason: error.message };
  if (
    error instanceof InferenceClientProviderApiError ||
    error instanceof InferenceClientHubApiError
  ) {
    const { status, body } = error.httpResponse;
    if (status === 503) {
      const estimated = bodyField(body, "estimated_time");
      const waitMs =
        typeof estimated === "number" && estimated >= 0 ? Math.round(estimated * 1000) : undefined;
      return {
        retryable: true,
        reason:
          waitMs === undefined
            ? "the model provider is unavailable (503)"
            : "the model is still loading (503)",
        ...(waitMs === undefined ? {} : { waitMs }),
      };
    }
    if (status === 429) {
      const waitMs = parseRetryAfter(seen.retryAfter ?? null);
      return {
        retryable: true,
        reason: "the model provider is rate limiting us (429)",
        ...(waitMs === undefined ? {} : { waitMs }),
      };
    }
    if (status === 408 || status >= 500)
      return { retryable: true, reason: `the model provider failed (${status})` };
    if (status < 400)
      return { retryable: false, reason: "the model provider sent a malformed response" };
    if (status === 401 || status === 403) {
      return {
        retryable: false,
        reason: `the model provider refused our credentials (${status}): check HF_API_TOKEN`,
      };
    }
    return { retryable: false, reason: `the model provider refused the request (${status})` };
  }
  if (error instanceof InferenceClientProviderOutputError || error instanceof SyntaxError) {
    return { retryable: false, reason: "the model provider sent a malformed response" };
  }
  if (error instanceof InferenceClientInputError || error instanceof InferenceClientRoutingError) {
    return {
      retryable: false,
      reason: `the model provider settings are not usable: ${error.message}`,
    };
  }
  if (error instanceof TypeError)
    return { retryable: true, reason: "could not reach the model provider" };
  return {
    retryable: false,
    reason: error instanceof Error ? error.message : "unknown provider error",
  };
}

export interface HfCallsOptions {
  accessToken: string;
  policy: RetryPolicy;
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

/**
 * The Hugging Face client under our retry policy. Its own 503 retry is off
 * (`retry_on_error: false`): it would retry at once and without limit.
 */
export class HfCalls {
  private readonly client: InferenceClient;
  private readonly endpointClients = new Map<string, InferenceClient>();

  constructor(private readonly options: HfCallsOptions) {
    this.client = new InferenceClient(options.accessToken, { retry_on_error: false });
  }

  private clientFor(target: HfTarget): InferenceClient {
    if (!target.endpointUrl) return this.client;
    let client = this.endpointClients.get(target.endpointUrl);
    if (!client) {
      client = new InferenceClient(this.options.accessToken, {
        endpointUrl: target.endpointUrl,
        retry_on_error: false,
      });
      this.endpointClients.set(target.endpointUrl, client);
    }
    return client;
  }

  private run<T>(
    ctx: ProviderCallContext,
    call: (signal: AbortSignal, fetchFn: typeof fetch, attempt: number) => Promise<T>,
  ) {
    let seen: SeenResponse = {};
    return withRetry(
      this.options.policy,
      ctx.signal,
      {
        classify: (error, timedOut) => classifyHfError(error, timedOut, seen),
        onRetry: ({ attempt, delayMs, failure }) =>
          this.options.onRetry?.({ attempt, delayMs, reason: failure.reason }),
      },
      (signal, attempt) => {
        seen = {};
        // Records what the client drops from its errors (Retry-After).
        const trackingFetch: typeof fetch = async (input, init) => {
          const response = await fetch(input, init);
          seen = { status: response.status, retryAfter: response.headers.get("retry-after") };
          return response;
        };
        return call(signal, trackingFetch, attempt);
      },
    );
  }

  /** A streamed chat completion; `ctx.onText` gets the text as it comes. */
  chat(target: HfTarget, request: ChatRequest, ctx: ProviderCallContext): Promise<ChatResult> {
    return this.run(ctx, async (signal, fetchFn, attempt) => {
      if (attempt > 1) ctx.onText?.("", { reset: true });
      const args: ChatStreamArgs = {
        model: target.model,
        messages: request.messages.map((m: ChatMessage) => ({ role: m.role, content: m.content })),
        max_tokens: request.maxTokens,
        temperature: request.temperature ?? 0.2,
        stream_options: { include_usage: true },
        ...(target.provider && !target.endpointUrl
          ? { provider: target.provider as InferenceProviderName }
          : {}),
      };
      let text = "";
      let usage: TokenUsage | undefined;
      for await (const chunk of this.clientFor(target).chatCompletionStream(args, {
        signal,
        fetch: fetchFn,
      })) {
        const delta = chunk.choices[0]?.delta.content ?? "";
        if (delta) {
          text += delta;
          ctx.onText?.(delta);
        }
        if (chunk.usage)
          usage = { input: chunk.usage.prompt_tokens, output: chunk.usage.completion_tokens };
      }
      // An empty or blank answer is a failure (retried), never a result.
      if (!text.trim()) throw new EmptyAnswer("the model returned an empty answer");
      return {
        text,
        tokens: usage ?? {
          input: estimateTokens(request.messages.map((m) => m.content).join("\n")),
          output: estimateTokens(text),
        },
      };
    });
  }

  zeroShot(
    target: HfTarget,
    text: string,
    candidateLabels: string[],
    ctx: ProviderCallContext,
  ): Promise<ScoredLabel[]> {
    return this.run(ctx, async (signal, fetchFn) => {
      const output = await this.clientFor(target).zeroShotClassification(
        {
          model: target.model,
          inputs: text,
          parameters: { candidate_labels: candidateLabels, multi_label: true },
          ...(target.provider && !target.endpointUrl
            ? { provider: target.provider as InferenceProviderName }
            : {}),
        },
        { signal, fetch: fetchFn },
      );
      return output.map((o) => ({ label: o.label, score: o.score }));
    });
  }

  textClassification(
    target: HfTarget,
    text: string,
    ctx: ProviderCallContext,
  ): Promise<ScoredLabel[]> {
    return this.run(ctx, async (signal, fetchFn) => {
      const output = await this.clientFor(target).textClassification(
        {
          model: target.model,
          inputs: text,
          parameters: { top_k: 10 },
          ...(target.provider && !target.endpointUrl
            ? { provider: target.provider as InferenceProviderName }
            : {}),
        },
        { signal, fetch: fetchFn },
      );
      return output.map((o) => ({ label: o.label, score: o.score }));
    });
  }
}
