import { describe, expect, it } from "vitest";
import { extractMentions, MAX_MARKDOWN_LENGTH, renderMarkdown } from "../src/index";
import { elementsOf } from "./inspect";

const REL = "nofollow ugc noopener noreferrer";

describe("renderMarkdown", () => {
  it("renders CommonMark and GFM: emphasis, lists, quotes, tables, task lists, strikethrough", () => {
    const html = renderMarkdown(
      "**bold** _it_ ~~gone~~\n\n- one\n- two\n\n> quoted\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\n- [x] done",
    );
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>it</em>");
    expect(html).toContain("<del>gone</del>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain("<blockquote>");
    expect(html).toContain('<td align="center">2</td>');
    expect(html).toContain('<input type="checkbox" checked disabled>');
  });

  it("highlights fenced code with a language, and leaves other code plain", () => {
    const html = renderMarkdown("```ts\nconst a: number = 1;\n```\n\n```\nplain <b>\n```");
    expect(html).toContain('<code class="hljs language-ts"><span class="hljs-keyword">const</span>');
    expect(html).toContain("<pre><code>plain &#x3C;b>\n</code></pre>");
  });

  it("marks every link as user content and keeps http(s), mailto and relative targets", () => {
    const html = renderMarkdown("[a](https://a.example) [b](/discussions/1) <mailto:x@y.example> https://auto.example");
    const links = elementsOf(html).filter((e) => e.tagName === "a");
    expect(links.map((a) => a.properties.href)).toEqual([
      "https://a.example",
      "/discussions/1",
      "mailto:x@y.example",
      "https://auto.example",
    ]);
    for (const link of links) expect((link.properties.rel as string[]).join(" ")).toBe(REL);
  });

  it("shows our attachment images and turns any other image into its alt text", () => {
    const html = renderMarkdown("![chart](/api/attachments/0194f0a2-1) ![pixel](https://tracker.example/p.gif)");
    expect(html).toContain('<img src="/api/attachments/0194f0a2-1" alt="chart" loading="lazy">');
    expect(html).toContain("[image: pixel]");
    expect(html).not.toContain("tracker.example");
  });

  it("renders @handle as a mention, but not in code, links, addresses or words", () => {
    const html = renderMarkdown("hi @Grace-Hopper, `@code` [@link](https://x.example) me@mail.example x@y");
    expect(html).toContain('<span class="mention" data-handle="grace-hopper">@grace-hopper</span>');
    expect(html.match(/class="mention"/g)).toHaveLength(1);
  });

  it("cuts input beyond the body limit instead of rendering it", () => {
    const html = renderMarkdown("a".repeat(MAX_MARKDOWN_LENGTH) + "TAIL");
    expect(html).not.toContain("TAIL");
  });

  it("renders pathological nesting at the size limit without throwing", () => {
    for (const source of [
      ">".repeat(MAX_MARKDOWN_LENGTH),
      "- ".repeat(MAX_MARKDOWN_LENGTH / 2),
      "[".repeat(MAX_MARKDOWN_LENGTH),
      "*a".repeat(MAX_MARKDOWN_LENGTH / 2),
    ]) {
      expect(typeof renderMarkdown(source)).toBe("string");
    }
  });
});

describe("extractMentions", () => {
  it("returns each mentioned handle once, lowercase, in order", () => {
    expect(extractMentions("@bob and @Alice, again @bob.")).toEqual(["bob", "alice"]);
  });

  it("ignores code, links, e-mail addresses and a trailing hyphen", () => {
    expect(extractMentions("`@a`\n\n```\n@b\n```\n\n[@c](https://x.example) d@e.example @f- ")).toEqual(["f"]);
  });
});

describe("pathological input", () => {
  it("is parsed without emphasis or quotes past the bounds, so its cost stays linear", () => {
    const stars = renderMarkdown("*a".repeat(MAX_MARKDOWN_LENGTH / 2));
    expect(stars).not.toContain("<em>");
    expect(stars).toContain("*a*a");
    expect(renderMarkdown(">".repeat(100) + " deep")).not.toContain("<blockquote>");
    expect(extractMentions("*a".repeat(MAX_MARKDOWN_LENGTH / 2 - 10) + " @bob")).toEqual(["bob"]);
  });

  it("leaves ordinary messages alone", () => {
    expect(renderMarkdown("*a* **b** ~~c~~\n\n> > quote")).toBe(
      "<p><em>a</em> <strong>b</strong> <del>c</del></p>\n<blockquote>\n<blockquote>\n<p>quote</p>\n</blockquote>\n</blockquote>",
    );
  });
});
