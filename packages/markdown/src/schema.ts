import { type Schema } from "hast-util-sanitize";

/**
 * What may survive into a rendered message: the elements Markdown and GFM produce, nothing
 * else. Every attribute is listed per element; URLs are checked by protocol (a value without
 * one is relative). Raw HTML never reaches this point (remark-rehype drops it), so this is
 * the second wall, not the only one.
 */
export const messageSchema: Schema = {
  strip: ["script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript"],
  // remark-rehype already prefixes the only ids there are (footnotes) with "user-content-".
  clobberPrefix: "",
  clobber: [],
  tagNames: [
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
    "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "input",
    "a", "img", "span", "sup", "section",
    "table", "thead", "tbody", "tr", "th", "td",
  ],
  ancestors: { li: ["ul", "ol"], tbody: ["table"], thead: ["table"], tr: ["table"], th: ["table"], td: ["table"] },
  attributes: {
    a: ["href", "title", "id", "ariaDescribedBy", "ariaLabel", "dataFootnoteRef", "dataFootnoteBackref"],
    img: ["src", "alt", "title"],
    code: [["className", /^language-[\w+#-]{1,40}$/]],
    span: [["className", "mention"], "dataHandle"],
    input: [["type", "checkbox"], ["disabled", true], "checked"],
    li: ["id", ["className", "task-list-item"]],
    ul: [["className", "contains-task-list"]],
    ol: ["start", ["className", "contains-task-list"]],
    section: ["dataFootnotes", ["className", "footnotes"]],
    h2: ["id", ["className", "sr-only"]],
    sup: [],
    th: [["align", "left", "right", "center"]],
    td: [["align", "left", "right", "center"]],
  },
  required: { input: { type: "checkbox", disabled: true } },
  protocols: { href: ["http", "https", "mailto"], src: [] },
};
