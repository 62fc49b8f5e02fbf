import { type ChatMessage, type SummaryClaim, type ThreadMessage } from "../providers/types";
import { DATA_RULE, escapeData, messageData, type MessageRefs, titleData } from "./data";

const FORMAT =
  'Write 3 to 8 lines. Each line is one claim, starts with "- " and ends with the references of the messages ' +
  'that support it in square brackets, for example: "- The login page rejects valid tokens since 2.3 [M1, M4]". ' +
  "Use only references that appear in the data. Write nothing else.";

export const SUMMARY_SYSTEM_PROMPT =
  "You summarize discussion threads of a forum for its members: what the thread is about, what was proposed, " +
  `what was decided and what is still open. ${DATA_RULE} ${FORMAT}`;

function claimLine(claim: SummaryClaim, refs: MessageRefs): string {
  const cited = claim.messageIds.map((id) => refs.ref(id)).join(", ");
  return `- ${escapeData(claim.claim)}${cited ? ` [${cited}]` : ""}`;
}

export function threadData(title: string, messages: ThreadMessage[], refs: MessageRefs): string {
  return `<thread>\n${titleData(title)}\n${messages.map((m) => messageData(m, refs.ref(m.id))).join("\n")}\n</thread>`;
}

/** A summary of one block of a thread (or of a part of a block too large for one call). */
export function summaryPrompt(input: {
  title: string;
  messages: ThreadMessage[];
  refs: MessageRefs;
  part?: { index: number; of: number };
}): ChatMessage[] {
  const { title, messages, refs, part } = input;
  const task = part
    ? `This is part ${part.index} of ${part.of} of a long thread. Summarize this part.`
    : "Summarize the messages of the thread below.";
  return [
    { role: "system", content: SUMMARY_SYSTEM_PROMPT },
    { role: "user", content: `${task}\n\n${threadData(title, messages, refs)}` },
  ];
}

/**
 * The reduce step: partial summaries of consecutive blocks in, one summary out. With
 * `previous` (an update), the model revises the summary of the earlier blocks with the new
 * parts instead of reading every part again.
 */
export function mergePrompt(
  title: string,
  partials: SummaryClaim[][],
  refs: MessageRefs,
  previous: SummaryClaim[] | null = null,
): ChatMessage[] {
  // The previous summary first, so its references are numbered first.
  const prior = previous
    ? `<previous_summary>\n${previous.map((c) => claimLine(c, refs)).join("\n")}\n</previous_summary>\n`
    : "";
  const blocks = partials.map(
    (claims, i) =>
      `<part n="${i + 1}">\n${claims.map((c) => claimLine(c, refs)).join("\n")}\n</part>`,
  );
  const task = previous
    ? "The previous summary covers the earlier messages of a long thread; the parts summarize the messages " +
      "after it. Update the previous summary with the parts: keep the claims that still hold with their " +
      "references, revise those the parts change, and add what is new."
    : "These are summaries of consecutive parts of one long thread. Merge them into one summary of the whole " +
      "thread, keeping the references.";
  return [
    { role: "system", content: SUMMARY_SYSTEM_PROMPT },
    {
      role: "user",
      content: `${task}\n\n<partial_summaries>\n${titleData(title)}\n${prior}${blocks.join("\n")}\n</partial_summaries>`,
    },
  ];
}

const REF_LIST = /\[([^\]]*)\]\s*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Claims from the model's lines. References become message ids; unknown references are
 * dropped here, raw ids pass through to the task's validation against the thread.
 */
export function parseClaims(text: string, refs: MessageRefs): SummaryClaim[] {
  const claims: SummaryClaim[] = [];
  for (const raw of text.split("\n")) {
    let line = raw.trim().replace(/^[-*•]\s*/, "");
    if (!line) continue;
    const ids = new Set<string>();
    for (let match = REF_LIST.exec(line); match; match = REF_LIST.exec(line)) {
      for (const token of (match[1] ?? "").split(/[\s,;]+/)) {
        const id = UUID.test(token) ? token.toLowerCase() : refs.resolve(token);
        if (id) ids.add(id);
      }
      line = line.slice(0, match.index).trimEnd();
    }
    if (line) claims.push({ claim: line, messageIds: [...ids] });
  }
  return claims;
}
