import type { PhrasingContent, Root } from "mdast";
import { findAndReplace, type RegExpMatchObject } from "mdast-util-find-and-replace";

/** Handles are lowercase letters, digits and inner hyphens (see the API's account service). */
const MENTION = /@([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)/gi;
// An @ glued to a word, a path or an address ("a@b", "/@x") is not a mention.
const NOT_BEFORE_MENTION = /[\p{L}\p{N}_@/.+-]/u;

function toMention(_whole: string, handle: string, match: RegExpMatchObject): PhrasingContent | false {
  const before = match.input.charAt(match.index - 1);
  if (match.index > 0 && NOT_BEFORE_MENTION.test(before)) return false;
  const normalized = handle.toLowerCase();
  return {
    type: "emphasis",
    data: { hName: "span", hProperties: { className: ["mention"], dataHandle: normalized } },
    children: [{ type: "text", value: `@${normalized}` }],
  };
}

/**
 * Turns `@handle` in text into mention nodes (a span with class "mention"). Text in code,
 * links and link references is left alone, so it never notifies anyone.
 */
export function remarkMentions() {
  return (tree: Root) => {
    findAndReplace(tree, [MENTION, toMention], { ignore: ["link", "linkReference", "inlineCode", "code"] });
  };
}

/** The mention nodes' handles in a tree, lowercase, each once, in order of appearance. */
export function collectMentions(tree: Root): string[] {
  const handles = new Set<string>();
  const walk = (node: Root | Root["children"][number] | PhrasingContent) => {
    if (node.type === "emphasis" && node.data?.hProperties && "dataHandle" in node.data.hProperties) {
      const handle = node.data.hProperties.dataHandle;
      if (typeof handle === "string") handles.add(handle);
      return;
    }
    if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return [...handles];
}
