/** The `@query` being typed just before the caret, if any (the same handle rules as mentions). */
export function activeMention(text: string, caret: number): { start: number; query: string } | null {
  const match = /(?:^|[^\p{L}\p{N}_@/.+-])@([a-z0-9-]{1,30})$/iu.exec(text.slice(0, caret));
  if (!match?.[1]) return null;
  return { start: caret - match[1].length - 1, query: match[1] };
}

/** The text with the `@query` at `start` replaced by `@handle ` and where the caret goes. */
export function insertMention(text: string, mention: { start: number; query: string }, handle: string) {
  const end = mention.start + 1 + mention.query.length;
  const inserted = `@${handle} `;
  return { text: text.slice(0, mention.start) + inserted + text.slice(end), caret: mention.start + inserted.length };
}
