import { z } from "zod";

/**
 * ts_headline marks matches with these control characters instead of HTML, and the text it
 * is given has them removed first, so a message cannot forge a highlight. The segments the API
 * returns are plain text: clients render them as text (a <mark> per highlighted one), never as HTML.
 */
export const HIGHLIGHT_START = "\u0002";
export const HIGHLIGHT_STOP = "\u0003";

export const snippetSegmentSchema = z.object({ text: z.string(), highlighted: z.boolean() });
export type SnippetSegment = z.infer<typeof snippetSegmentSchema>;

/** Splits ts_headline output into plain and highlighted runs; adjacent runs of a kind merge. */
export function toSegments(headline: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  const push = (text: string, highlighted: boolean) => {
    if (text === "") return;
    const last = segments.at(-1);
    if (last && last.highlighted === highlighted) last.text += text;
    else segments.push({ text, highlighted });
  };
  let highlighted = false;
  let run = "";
  for (const char of headline) {
    if (char === HIGHLIGHT_START || char === HIGHLIGHT_STOP) {
      push(run, highlighted);
      run = "";
      highlighted = char === HIGHLIGHT_START;
    } else {
      run += char;
    }
  }
  push(run, highlighted);
  return segments;
}
