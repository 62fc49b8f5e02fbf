import type { Element, Root, RootContent } from "hast";
import rehypeParse from "rehype-parse";
import { unified } from "unified";

const parser = unified().use(rehypeParse, { fragment: true });

/** Every element of some HTML, as a browser's parser would build it. */
export function elementsOf(html: string): Element[] {
  const found: Element[] = [];
  const walk = (node: Root | RootContent) => {
    if (node.type === "element") found.push(node);
    if ("children" in node) for (const child of node.children) walk(child);
    if (node.type === "element" && node.content) walk(node.content);
  };
  walk(parser.parse(html));
  return found;
}

const SAFE_TAGS = new Set([
  "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "code", "pre",
  "blockquote", "ul", "ol", "li", "input", "a", "img", "span", "sup", "section",
  "table", "thead", "tbody", "tr", "th", "td",
]);
// Names as hast spells them (camelCase properties).
const SAFE_PROPERTIES = new Set([
  "href", "title", "rel", "id", "ariaDescribedBy", "ariaLabel", "dataFootnoteRef", "dataFootnoteBackref",
  "src", "alt", "loading", "className", "dataHandle", "type", "disabled", "checked", "start",
  "dataFootnotes", "align",
]);

/** Why some rendered HTML could run code, or an empty list. */
export function executableVectors(html: string): string[] {
  const problems: string[] = [];
  if (/<\s*\/?\s*(script|iframe|object|embed|svg|math|style|form|base|meta|link)\b/i.test(html)) {
    problems.push("dangerous tag in the markup");
  }
  for (const element of elementsOf(html)) {
    if (!SAFE_TAGS.has(element.tagName)) problems.push(`element <${element.tagName}>`);
    for (const [name, value] of Object.entries(element.properties)) {
      if (!SAFE_PROPERTIES.has(name)) problems.push(`attribute ${name} on <${element.tagName}>`);
      if (/^on/i.test(name)) problems.push(`event handler ${name}`);
      if ((name === "href" || name === "src") && typeof value === "string") {
        const compact = value.replace(/[\s\p{Cc}]/gu, "").toLowerCase();
        const scheme = /^([a-z][a-z0-9+.-]*):/.exec(compact)?.[1];
        if (scheme && !["http", "https", "mailto"].includes(scheme)) problems.push(`${name} with scheme ${scheme}`);
      }
      if (name === "src" && typeof value === "string" && !value.startsWith("/api/attachments/")) {
        problems.push(`image from ${value}`);
      }
    }
  }
  return problems;
}
