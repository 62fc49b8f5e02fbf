import { HttpResponse } from "msw";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readAgentEnv } from "../src/env";
import { createToxicityChecker, lexiconChecker } from "../src/moderation/check";
import { createHuggingFaceMock, hfTestEnv, serverError } from "./support/hf";

const hf = createHuggingFaceMock();
beforeAll(() => hf.server.listen({ onUnhandledFrame: "error" }));
afterEach(() => hf.reset());
afterAll(() => hf.server.close());

describe("the posting toxicity check (checkToxicity)", () => {
  it("takes the strongest toxic label of the Hugging Face classifier", async () => {
    hf.responders.toxicity = () =>
      HttpResponse.json([
        [
          { label: "non-toxic", score: 0.97 },
          { label: "toxic", score: 0.91 },
          { label: "insult", score: 0.6 },
        ],
      ]);
    const checker = createToxicityChecker(readAgentEnv(hfTestEnv));
    const verdict = await checker.check("You are all wrong about this.");
    expect(verdict).toEqual({ label: "toxic", score: 0.91, provider: "huggingface", spans: [] });
    expect(hf.sent.toxicity).toHaveLength(1);
  });

  it("keeps offline hits (with their spans) even when the model scores low", async () => {
    const checker = createToxicityChecker(readAgentEnv(hfTestEnv));
    const verdict = await checker.check("shut up, idiot");
    expect(verdict.provider).toBe("huggingface");
    expect(verdict.score).toBeGreaterThanOrEqual(0.95);
    expect(verdict.spans).toHaveLength(2);
  });

  it("falls back to the word list when the model keeps failing", async () => {
    hf.responders.toxicity = () => serverError();
    const reasons: string[] = [];
    const checker = createToxicityChecker(readAgentEnv(hfTestEnv), { onFallback: (r) => reasons.push(r) });
    const verdict = await checker.check("what an idiot");
    expect(verdict).toMatchObject({ label: "lexicon", provider: "lexicon" });
    expect(verdict.score).toBeGreaterThanOrEqual(0.8);
    expect(reasons).toHaveLength(1);
    expect(hf.sent.toxicity.length).toBeGreaterThanOrEqual(1);
  });

  it("uses the word list alone without a Hugging Face token", async () => {
    expect(createToxicityChecker(readAgentEnv({}))).toBe(lexiconChecker);
    expect(await lexiconChecker.check("A friendly reply.")).toEqual({ label: "clean", score: 0, provider: "lexicon", spans: [] });
  });
});
