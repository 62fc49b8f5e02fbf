import { describe, expect, it } from "vitest";
import { lexiconSpans, redactSpans } from "./lexicon";

describe("moderation lexicon", () => {
  it("finds whole words and phrases, case-insensitively, and redacts exactly those spans", () => {
    const text = "Shut  up, you IDIOT. Skidiots and classic words stay.";
    const spans = lexiconSpans(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(["Shut  up", "IDIOT"]);
    expect(redactSpans(text, spans)).toBe(
      "[redacted], you [redacted]. Skidiots and classic words stay.",
    );
  });
});
