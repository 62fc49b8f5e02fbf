import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";

/** Hugging Face's hosts, as the real @huggingface/inference client calls them. */
export const ROUTER = "https://router.huggingface.co";
export const HUB = "https://huggingface.co";
export const CHAT_URL = `${ROUTER}/v1/chat/completions`;
export const CLASSIFY_MODEL = "facebook/bart-large-mnli";
export const TOXICITY_MODEL = "unitary/toxic-bert";
export const CHAT_MODEL = "meta-llama/Llama-3.1-8B-Instruct";

export interface ChatCall {
  model: string;
  stream: boolean;
  messages: { role: string; content: string }[];
  max_tokens?: number;
}

/** A streamed chat completion as the router sends it: SSE `data:` lines of chunks, a usage
 * chunk, then `[DONE]`. */
export function chatStream(
  pieces: string[],
  usage = { prompt_tokens: 120, completion_tokens: 40 },
): HttpResponse<string> {
  const created = 1_764_000_000;
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id: "chatcmpl-1", object: "chat.completion.chunk", created, model: CHAT_MODEL, choices, ...extra })}\n\n`;
  const lines = [
    chunk([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]),
    ...pieces.map((content) => chunk([{ index: 0, delta: { content }, finish_reason: null }])),
    chunk([{ index: 0, delta: {}, finish_reason: "stop" }]),
    chunk([], { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } }),
    "data: [DONE]\n\n",
  ];
  return new HttpResponse(lines.join(""), { headers: { "Content-Type": "text/event-stream" } });
}

/** Splits text the way a model streams it: a few characters per chunk. */
export const tokens = (text: string): string[] => text.match(/.{1,7}/gs) ?? [];

export const loading = (estimatedSeconds: number) =>
  HttpResponse.json(
    { error: `Model ${CLASSIFY_MODEL} is currently loading`, estimated_time: estimatedSeconds },
    { status: 503 },
  );

export const rateLimited = (retryAfter: string) =>
  HttpResponse.json(
    { error: "Rate limit reached. Please retry later." },
    { status: 429, headers: { "Retry-After": retryAfter } },
  );

export const serverError = () =>
  HttpResponse.json({ error: "Internal Server Error" }, { status: 500 });

/** The Hub's provider mapping for a model, as `?expand[]=inferenceProviderMapping` returns it. */
function mapping(model: string, task: string) {
  return HttpResponse.json({
    _id: "6400",
    id: model,
    inferenceProviderMapping: { "hf-inference": { status: "live", providerId: model, task } },
  });
}

export type Responder = (call: number, body: unknown) => Response | Promise<Response>;

/**
 * An msw server standing in for Hugging Face. Each endpoint answers with a responder (given
 * the call number and the parsed body) and records what the client sent.
 */
export function createHuggingFaceMock() {
  const sent = { chat: [] as ChatCall[], zeroShot: [] as unknown[], toxicity: [] as unknown[] };
  const responders: { chat: Responder; zeroShot: Responder; toxicity: Responder } = {
    chat: () => chatStream(["- ok"]),
    zeroShot: () => HttpResponse.json([]),
    toxicity: () => HttpResponse.json([[{ label: "toxic", score: 0.01 }]]),
  };
  const server = setupServer(
    http.get(`${HUB}/api/models/:org/:name`, ({ params }) => {
      const model = `${String(params.org)}/${String(params.name)}`;
      return mapping(
        model,
        model === TOXICITY_MODEL ? "text-classification" : "zero-shot-classification",
      );
    }),
    http.post(CHAT_URL, async ({ request }) => {
      const body = (await request.json()) as ChatCall;
      sent.chat.push(body);
      return responders.chat(sent.chat.length, body);
    }),
    http.post(`${ROUTER}/hf-inference/models/${CLASSIFY_MODEL}`, async ({ request }) => {
      const body: unknown = await request.json();
      sent.zeroShot.push(body);
      return responders.zeroShot(sent.zeroShot.length, body);
    }),
    http.post(`${ROUTER}/hf-inference/models/${TOXICITY_MODEL}`, async ({ request }) => {
      const body: unknown = await request.json();
      sent.toxicity.push(body);
      return responders.toxicity(sent.toxicity.length, body);
    }),
  );
  return {
    server,
    sent,
    responders,
    reset() {
      sent.chat.length = 0;
      sent.zeroShot.length = 0;
      sent.toxicity.length = 0;
      responders.chat = () => chatStream(["- ok"]);
      responders.zeroShot = () => HttpResponse.json([]);
      responders.toxicity = () => HttpResponse.json([[{ label: "toxic", score: 0.01 }]]);
    },
  };
}

/** The Hugging Face provider as the worker builds it, with small test timings. */
export const hfTestEnv = {
  AGENT_PROVIDER: "huggingface",
  HF_API_TOKEN: "hf_test_token",
  HF_SUMMARY_PROVIDER: "auto",
  HF_SUMMARY_MODEL: CHAT_MODEL,
  HF_DRAFT_PROVIDER: "auto",
  HF_DRAFT_MODEL: CHAT_MODEL,
  HF_CLASSIFY_PROVIDER: "hf-inference",
  HF_CLASSIFY_MODEL: CLASSIFY_MODEL,
  HF_MODERATION_PROVIDER: "hf-inference",
  HF_MODERATION_MODEL: TOXICITY_MODEL,
  AGENT_CALL_TIMEOUT_MS: "2000",
  AGENT_RETRY_ATTEMPTS: "3",
  AGENT_RETRY_BASE_MS: "1",
  AGENT_RETRY_MAX_DELAY_MS: "25",
} as const;
