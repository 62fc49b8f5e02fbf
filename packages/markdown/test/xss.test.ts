import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../src/index";
import { executableVectors } from "./inspect";
import { xssPayloads } from "../src/testing/xss-payloads";

describe("renderMarkdown against known XSS payloads", () => {
  it.each(xssPayloads)("neutralizes %s", (payload) => {
    const html = renderMarkdown(payload);
    expect(executableVectors(html)).toEqual([]);
  });

  it("neutralizes them all in one body, too", () => {
    const html = renderMarkdown(xssPayloads.join("\n\n"));
    expect(executableVectors(html)).toEqual([]);
  });

  it("keeps the text of dropped markup visible as text, not as markup", () => {
    const html = renderMarkdown("a `<script>alert(1)</script>` b");
    expect(html).toContain("&#x3C;script>alert(1)&#x3C;/script>");
  });

  it("the inspector itself flags what it must (so the suite can fail)", () => {
    expect(executableVectors('<img src="x" onerror="alert(1)">')).not.toEqual([]);
    expect(executableVectors('<a href="jav&#x09;ascript:alert(1)">x</a>')).not.toEqual([]);
    expect(executableVectors("<svg><animate onbegin=alert(1)></svg>")).not.toEqual([]);
    expect(executableVectors('<a href="https://ok.example" rel="nofollow">ok</a>')).toEqual([]);
  });
});
