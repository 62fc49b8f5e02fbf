import type { Element, ElementContent, Root } from "hast";
import { visit } from "unist-util-visit";

/** Our own attachment downloads (same origin); images from anywhere else would track readers. */
const ATTACHMENT_IMAGE = /^\/api\/attachments\/[\w-]{1,64}(?:\/[\w-][\w.-]{0,199})?$/;
const LINK_REL = ["nofollow", "ugc", "noopener", "noreferrer"];

/**
 * Runs after sanitizing: marks every link as user content, and turns images that are not our
 * attachments into their alt text.
 */
export function rehypeSafeLinks() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element, index, parent) => {
      if (node.tagName === "a") {
        node.properties.rel = LINK_REL;
        return;
      }
      if (node.tagName !== "img" || !parent || index === undefined) return;
      const src = node.properties.src;
      if (typeof src === "string" && ATTACHMENT_IMAGE.test(src)) {
        node.properties.loading = "lazy";
        return;
      }
      const alt = typeof node.properties.alt === "string" ? node.properties.alt : "";
      const replacement: ElementContent = { type: "text", value: alt ? `[image: ${alt}]` : "[image]" };
      parent.children.splice(index, 1, replacement);
      return index + 1;
    });
  };
}
