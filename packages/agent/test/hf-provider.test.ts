import { delay, HttpResponse } from "msw";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readAgentEnv } from "../src/env";
import { JobAborted, ProviderFailure } from "../src/providers/retry";
import { createProvider } from "../src/providers/select";
import { type ProviderCallContext, type ThreadMessage } from "../src/providers/types";
import {
  chatStream,
  createHuggingFaceMock,
  hfTestEnv,
  loading,
  rateLimited,
  serverError,
  tokens,
} from "./support/hf";

const hf = createHuggingFaceMock();
beforeAll(() => hf.server.listen({ onUnhandledFrame: "error" }));
afterEach(() => hf.reset());
afterAll(() => hf.server.close());

const retries: { attempt: number; delayMs: number; reason: string }[] = [];
afterEach(() => {
  retries.length = 0;
});
const providerWith = (env: Record<string, string> = {}) =>
  createProvider(readAgentEnv({ ...hfTestEnv, ...env }), (info) => retries.push(info));

const messages: ThreadMessage[] = [
  {
    id: "0198a0c0-0000-7000-8000-000000000001",
    author: "Ann",
    body: "Login fails since 2.3.",
    createdAt: new Date(0),
  },
  {
    id: "0198a0c0-0000-7000-8000-000000000002",
    author: "Bob",
    body: "Set COOKIE_DOMAIN.",
    createdAt: new Date(1000),
  },
];
const labels = [
  { id: "0198a0c0-0000-7000-8000-0000000000a1", name: "login", description: "" },
  { id: "0198a0c0-0000-7000-8000-0000000000a2", name: "billing", description: "" },
];

function context(): ProviderCallContext & { streamed: () => string } {
  let text = "";
  return {
    signal: new AbortController().signal,
    onText: (delta, options) => {
      text = options?.reset ? delta : text + delta;
    },
    streamed: () => text,
  };
}

describe("Hugging Face provider over the real @huggingface/inference client", () => {
  it("streams a chat completion and maps message references back to ids", async () => {
    const reply = "- Login fails since 2.3 [M1]\n- Setting COOKIE_DOMAIN fixes it [M2, M9]";
    hf.responders.chat = () =>
      chatStream(tokens(reply), { prompt_tokens: 321, completion_tokens: 17 });
    const ctx = context();
    const out = await providerWith().summarizeBlock({ title: "Login", messages }, ctx);
    expect(ctx.streamed()).toBe(reply);
    expect(out.tokens).toEqual({ input: 321, output: 17 });
    expect(out.claims).toEqual([
      { claim: "Login fails since 2.3", messageIds: [messages[0]!.id] },
      { claim: "Setting COOKIE_DOMAIN fixes it", messageIds: [messages[1]!.id] },
    ]);
    expect(hf.sent.chat[0]).toMatchObject({
      model: "meta-llama/Llama-3.1-8B-Instruct",
      stream: true,
    });
  });

  it("waits for a loading model as long as its 503 estimated_time says (under the cap)", async () => {
    hf.responders.zeroShot = (call) =>
      call === 1
        ? loading(0.015)
        : HttpResponse.json([
            { label: "login", score: 0.91 },
            { label: "billing", score: 0.04 },
          ]);
    const out = await providerWith().classify({ title: "Login", messages, labels }, context());
    expect(out.scores).toEqual([
      { labelId: labels[0]!.id, score: 0.91 },
      { labelId: labels[1]!.id, score: 0.04 },
    ]);
    expect(retries).toEqual([
      { attempt: 1, delayMs: 15, reason: "the model is still loading (503)" },
    ]);
    expect(hf.sent.zeroShot[0]).toEqual({
      inputs: "Login\n\nLogin fails since 2.3.\n\nSet COOKIE_DOMAIN.",
      parameters: { candidate_labels: ["login", "billing"], multi_label: true },
    });
  });

  it("honours 429 Retry-After, capped at the longest wait", async () => {
    hf.responders.chat = (call) =>
      call === 1 ? rateLimited("0") : call === 2 ? rateLimited("120") : chatStream(["- fine [M1]"]);
    await providerWith().summarizeBlock({ title: "Login", messages }, context());
    expect(retries.map((r) => [r.delayMs, r.reason])).toEqual([
      [0, "the model provider is rate limiting us (429)"],
      [25, "the model provider is rate limiting us (429)"],
    ]);
  });

  it("gives up after the attempts with a readable reason on repeated 500s", async () => {
    hf.responders.chat = () => serverError();
    const failure = providerWith().summarizeBlock({ title: "Login", messages }, context());
    await expect(failure).rejects.toBeInstanceOf(ProviderFailure);
    await expect(failure).rejects.toThrow("the model provider failed (500) after 3 attempts");
    expect(hf.sent.chat).toHaveLength(3);
  });

  it("times a call out and retries it, telling the stream to start over", async () => {
    hf.responders.chat = async (call) => {
      if (call < 3) await delay("infinite");
      return chatStream(["- late but fine [M1]"]);
    };
    const ctx = context();
    const out = await providerWith({ AGENT_CALL_TIMEOUT_MS: "50" }).summarizeBlock(
      { title: "Login", messages },
      ctx,
    );
    expect(out.claims).toEqual([{ claim: "late but fine", messageIds: [messages[0]!.id] }]);
    expect(retries.map((r) => r.reason)).toEqual([
      "the model provider did not answer in time",
      "the model provider did not answer in time",
    ]);
    expect(ctx.streamed()).toBe("- late but fine [M1]");
  });

  it("treats an empty or blank answer as a failed call: retried, then a readable failure", async () => {
    hf.responders.chat = (call) =>
      call === 1
        ? chatStream([])
        : call === 2
          ? chatStream(["  ", "\n"])
          : chatStream(["- fine [M1]"]);
    const ctx = context();
    const out = await providerWith().summarizeBlock({ title: "Login", messages }, ctx);
    expect(out.claims).toEqual([{ claim: "fine", messageIds: [messages[0]!.id] }]);
    expect(retries.map((r) => r.reason)).toEqual([
      "the model returned an empty answer",
      "the model returned an empty answer",
    ]);
    expect(ctx.streamed()).toBe("- fine [M1]");

    hf.reset();
    hf.responders.chat = () => chatStream([" "]);
    await expect(
      providerWith().summarizeBlock({ title: "Login", messages }, context()),
    ).rejects.toThrow("the model returned an empty answer after 3 attempts");
    expect(hf.sent.chat).toHaveLength(3);
  });

  it("fails at once on a malformed stream, and on a malformed classification", async () => {
    hf.responders.chat = () =>
      new HttpResponse('data: {"choices": [{"delta": {"content": "- ha\n\n', {
        headers: { "Content-Type": "text/event-stream" },
      });
    await expect(
      providerWith().summarizeBlock({ title: "Login", messages }, context()),
    ).rejects.toThrow("the model provider sent a malformed response");
    expect(hf.sent.chat).toHaveLength(1);

    hf.responders.zeroShot = () => HttpResponse.json({ unexpected: true });
    await expect(
      providerWith().classify({ title: "Login", messages, labels }, context()),
    ).rejects.toThrow("the model provider sent a malformed response");
  });

  it("stops waiting when the job is aborted (shutdown), without calling it a provider failure", async () => {
    hf.responders.chat = () => loading(10);
    const controller = new AbortController();
    const provider = providerWith({ AGENT_RETRY_MAX_DELAY_MS: "60000" });
    const pending = provider.summarizeBlock(
      { title: "Login", messages },
      { signal: controller.signal },
    );
    await expect.poll(() => retries.length).toBe(1);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(JobAborted);
  });

  it("streams only the reply of a structured draft and validates the object", async () => {
    const answer =
      '{"reply": "Hi Ann,\\nset \\"COOKIE_DOMAIN\\" and restart.", "rationale": "Bob found the fix."}';
    hf.responders.chat = () => chatStream(tokens(answer));
    const ctx = context();
    const out = await providerWith().draft(
      { title: "Login", messages, styleGuide: "Be brief.", requester: "Ann" },
      ctx,
    );
    expect(out).toMatchObject({
      reply: 'Hi Ann,\nset "COOKIE_DOMAIN" and restart.',
      rationale: "Bob found the fix.",
    });
    expect(ctx.streamed()).toBe(out.reply);

    hf.responders.chat = () => chatStream(tokens('{"reply": ""}'));
    await expect(
      providerWith().draft(
        { title: "Login", messages, styleGuide: "Be brief.", requester: "Ann" },
        context(),
      ),
    ).rejects.toThrow('the model did not answer with the expected {"reply", "rationale"} object');
  });

  it("scores toxicity with a text classifier", async () => {
    hf.responders.toxicity = (_call, body) =>
      HttpResponse.json([
        (body as { inputs: string }).inputs.includes("COOKIE")
          ? [{ label: "toxic", score: 0.02 }]
          : [
              { label: "toxic", score: 0.97 },
              { label: "insult", score: 0.9 },
            ],
      ]);
    const scores = await providerWith().toxicity(
      ["you are useless", "Set COOKIE_DOMAIN."],
      context(),
    );
    expect(scores).toEqual([0.97, 0.02]);
  });
});
