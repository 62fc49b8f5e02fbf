import { z } from "zod";
import { type ChatMessage, type SiteLabel, type ThreadMessage } from "../providers/types";
import { DATA_RULE, escapeData, MessageRefs } from "./data";
import { threadData } from "./summary";

/** What a chat model must return when it classifies (self-hosted endpoints). */
export const classifyOutputSchema = z.object({
  labels: z.array(z.object({ name: z.string(), confidence: z.number().min(0).max(1) })),
});

export function classifyPrompt(input: {
  title: string;
  messages: ThreadMessage[];
  labels: SiteLabel[];
}): ChatMessage[] {
  const labelList = input.labels
    .map((l) => `- ${escapeData(l.name)}${l.description ? `: ${escapeData(l.description)}` : ""}`)
    .join("\n");
  return [
    {
      role: "system",
      content:
        "You choose labels for forum threads, only from the site's label set below, each with a confidence from 0 to 1. " +
        `${DATA_RULE}\nLabel set:\n${labelList}\n` +
        'Answer with one JSON object and nothing else: {"labels": [{"name": "<label>", "confidence": 0.0}]}.',
    },
    {
      role: "user",
      content: `Label this thread.\n\n${threadData(input.title, input.messages, new MessageRefs())}`,
    },
  ];
}

/** The text a zero-shot classifier reads: title and messages, plain, within the budget. */
export function classificationText(title: string, messages: ThreadMessage[]): string {
  return [title, ...messages.map((m) => m.body)].join("\n\n");
}
