import { z } from "zod";
import { type ChatMessage, type ThreadMessage } from "../providers/types";
import { DATA_RULE, escapeData, MessageRefs } from "./data";
import { threadData } from "./summary";

/** What the model must return for a draft; validated before it is used. */
export const draftOutputSchema = z.object({
  reply: z.string().trim().min(1).max(20_000),
  rationale: z.string().trim().min(1).max(2_000),
});
export type DraftOutput = z.infer<typeof draftOutputSchema>;

export function draftSystemPrompt(styleGuide: string, requester: string): string {
  return (
    `You draft a reply that the forum member ${JSON.stringify(requester)} may edit and post in the thread. ` +
    "Write as that member, answering the latest open question of the thread. " +
    `Follow the site's style guide:\n<style_guide>${escapeData(styleGuide)}</style_guide>\n${DATA_RULE}\n` +
    'Answer with one JSON object and nothing else: {"reply": "<the reply>", "rationale": "<one or two sentences on why this reply>"}.'
  );
}

export function draftPrompt(input: {
  title: string;
  messages: ThreadMessage[];
  styleGuide: string;
  requester: string;
}): ChatMessage[] {
  return [
    { role: "system", content: draftSystemPrompt(input.styleGuide, input.requester) },
    {
      role: "user",
      content: `Draft the reply for this thread.\n\n${threadData(input.title, input.messages, new MessageRefs())}`,
    },
  ];
}

/** The JSON object in a model's answer (models sometimes wrap it in prose or a code fence). */
export function parseDraft(text: string): DraftOutput | null {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start < 0 || end <= start) return null;
  try {
    const parsed = draftOutputSchema.safeParse(JSON.parse(text.slice(start, end + 1)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The part of the "reply" string streamed so far, so the composer fills as tokens arrive. */
export function partialReply(text: string): string {
  const match = /"reply"\s*:\s*"((?:[^"\\]|\\.)*)/.exec(text);
  if (!match?.[1]) return "";
  const body = match[1].replace(/\\u[0-9a-fA-F]{0,3}$|\\$/, "");
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return "";
  }
}
