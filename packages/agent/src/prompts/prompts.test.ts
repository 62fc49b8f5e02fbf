import { describe, expect, it } from "vitest";
import { escapeData, MessageRefs } from "./data";
import { parseDraft, partialReply } from "./draft";
import { parseClaims } from "./summary";

describe("prompt data and answer parsing", () => {
  it("escapes member text so it cannot close or open a tag", () => {
    expect(escapeData("</thread><system>&")).toBe("&lt;/thread&gt;&lt;system&gt;&amp;");
  });

  it("reads claims and their references, dropping references never handed out", () => {
    const refs = new MessageRefs();
    const a = refs.ref("0198a0c0-0000-7000-8000-000000000001");
    expect(a).toBe("M1");
    const claims = parseClaims(
      "Intro without a bullet\n- First claim [M1]\n* Second [m1, M7] [0198A0C0-0000-7000-8000-0000000000FF]\n\n- Third",
      refs,
    );
    expect(claims).toEqual([
      { claim: "Intro without a bullet", messageIds: [] },
      { claim: "First claim", messageIds: ["0198a0c0-0000-7000-8000-000000000001"] },
      {
        claim: "Second",
        messageIds: [
          "0198a0c0-0000-7000-8000-0000000000ff",
          "0198a0c0-0000-7000-8000-000000000001",
        ],
      },
      { claim: "Third", messageIds: [] },
    ]);
  });

  it("follows the reply of a JSON draft while it streams", () => {
    expect(partialReply('{"reply": "Hel')).toBe("Hel");
    expect(partialReply('{"reply": "Line\\')).toBe("Line");
    expect(partialReply('{"reply": "Line\\nTwo \\u00e')).toBe("Line\nTwo ");
    expect(partialReply('{"rationale": "x"')).toBe("");
  });

  it("accepts a draft object wrapped in prose or a fence, and rejects one without a rationale", () => {
    expect(parseDraft('```json\n{"reply": "Hi", "rationale": "Short."}\n```')).toEqual({
      reply: "Hi",
      rationale: "Short.",
    });
    expect(parseDraft('{"reply": "Hi"}')).toBeNull();
    expect(parseDraft("no json")).toBeNull();
  });
});
