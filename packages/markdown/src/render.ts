import rehypeHighlight from "rehype-highlight";
import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { isPathological, remarkWithoutCostlyConstructs } from "./guard";
import { collectMentions, remarkMentions } from "./mentions";
import { rehypeSafeLinks } from "./safe-links";
import { messageSchema } from "./schema";

/** A message body's limit (the API refuses longer ones); longer input is cut, never parsed whole. */
export const MAX_MARKDOWN_LENGTH = 20_000;

function makeParser(plain: boolean) {
  const processor = unified().use(remarkParse).use(remarkGfm);
  if (plain) processor.use(remarkWithoutCostlyConstructs);
  return processor.use(remarkMentions).freeze();
}

// Raw HTML in the source is dropped by remark-rehype (no allowDangerousHtml); sanitizing comes
// before highlighting so the highlighter's spans need no allowance; both only add fixed values.
function makeRenderer(plain: boolean) {
  const processor = unified().use(remarkParse).use(remarkGfm);
  if (plain) processor.use(remarkWithoutCostlyConstructs);
  return processor
    .use(remarkMentions)
    .use(remarkRehype)
    .use(rehypeSanitize, messageSchema)
    .use(rehypeHighlight, { detect: false })
    .use(rehypeSafeLinks)
    .use(rehypeStringify)
    .freeze();
}

const parser = makeParser(false);
const plainParser = makeParser(true);
const renderer = makeRenderer(false);
const plainRenderer = makeRenderer(true);

/** The parser for `input`: pathological input is parsed without the constructs that make it so. */
const parserFor = (input: string) => (isPathological(input) ? plainParser : parser);
const rendererFor = (input: string) => (isPathological(input) ? plainRenderer : renderer);

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Markdown (CommonMark + GFM) to sanitized HTML. Pure and synchronous, with no DOM: the server
 * and the browser's preview run exactly this. Output never holds scripts, event handlers,
 * styles or non-http(s)/mailto links; images only from our attachment URLs.
 */
export function renderMarkdown(source: string): string {
  const input = source.slice(0, MAX_MARKDOWN_LENGTH);
  try {
    return String(rendererFor(input).processSync(input));
  } catch {
    // A pathological input (nesting deep enough to exhaust the stack) is shown as plain text.
    return `<p>${escapeHtml(input)}</p>`;
  }
}

/** Handles mentioned in a Markdown body (lowercase, once each), ignoring code and links. */
export function extractMentions(source: string): string[] {
  const input = source.slice(0, MAX_MARKDOWN_LENGTH);
  try {
    const chosen = parserFor(input);
    const tree = chosen.parse(input);
    chosen.runSync(tree); // the mentions plugin changes the tree in place
    return collectMentions(tree);
  } catch {
    return [];
  }
}
