import { describe, expect, it } from "vitest";
import { HIGHLIGHT_START as S, HIGHLIGHT_STOP as E, toSegments } from "../src/services/search-snippets";

describe("toSegments", () => {
  it("splits a headline into plain and highlighted runs", () => {
    expect(toSegments(`the ${S}offline${E} mode, ${S}sync${E}`)).toEqual([
      { text: "the ", highlighted: false },
      { text: "offline", highlighted: true },
      { text: " mode, ", highlighted: false },
      { text: "sync", highlighted: true },
    ]);
  });

  it("keeps markup as text and drops empty runs", () => {
    expect(toSegments(`${S}${E}<b>x</b>${S}y${E}`)).toEqual([
      { text: "<b>x</b>", highlighted: false },
      { text: "y", highlighted: true },
    ]);
    expect(toSegments("")).toEqual([]);
  });

  it("merges adjacent runs of one kind", () => {
    expect(toSegments(`${S}a${E}${S}b${E}`)).toEqual([{ text: "ab", highlighted: true }]);
  });
});
