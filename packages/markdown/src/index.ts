export { extractMentions, MAX_MARKDOWN_LENGTH, renderMarkdown } from "./render";
