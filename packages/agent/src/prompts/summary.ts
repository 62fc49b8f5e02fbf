import {
  type ChatMessage,
  type PreviousSummary,
  type SummaryClaim,
  type ThreadMessage,
} from "../providers/types";
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

export function previousSummaryData(previous: PreviousSummary, refs: MessageRefs): string {
  const lines = previous.citations.length
    ? previous.citations.map((c) => claimLine(c, refs))
    : previous.summary.split("\n").map((line) => escapeData(line));
  return `<previous_summary>\n${lines.join("\n")}\n</previous_summary>`;
}

export function threadData(title: string, messages: ThreadMessage[], refs: MessageRefs): string {
  return `<thread>\n${titleData(title)}\n${messages.map((m) => messageData(m, refs.ref(m.id))).join("\n")}\n</thread>`;
}

/** A summary of the thread's messages, or an update of `previous` with only new messages. */
export function summaryPrompt(input: {
  title: string;
  messages: ThreadMessage[];
  previous: PreviousSummary | null;
  refs: MessageRefs;
  part?: { index: number; of: number };
}): ChatMessage[] {
  const { title, messages, previous, refs, part } = input;
  const task = previous
    ? "Update the previous summary with the new messages in the thread below: keep the claims that still hold " +
      "with their references, revise those the new messages change, and add claims for what is new."
    : part
      ? `This is part ${part.index} of ${part.of} of a long thread. Summarize this part.`
      : "Summarize the thread below.";
  const data = [
    previous ? previousSummaryData(previous, refs) : null,
    threadData(title, messages, refs),
  ].filter(Boolean);
  return [
    { role: "system", content: SUMMARY_SYSTEM_PROMPT },
    { role: "user", content: `${task}\n\n${data.join("\n\n")}` },
  ];
}

/** The reduce step of map-reduce: partial summaries in, one summary out. */
export function mergePrompt(
  title: string,
  partials: SummaryClaim[][],
  refs: MessageRefs,
): ChatMessage[] {
  const blocks = partials.map(
    (claims, i) =>
      `<part n="${i + 1}">\n${claims.map((c) => claimLine(c, refs)).join("\n")}\n</part>`,
  );
  return [
    { role: "system", content: SUMMARY_SYSTEM_PROMPT },
    {
      role: "user",
      content:
        "These are summaries of consecutive parts of one long thread. Merge them into one summary of the whole " +
        `thread, keeping the references.\n\n<partial_summaries>\n${titleData(title)}\n${blocks.join("\n")}\n</partial_summaries>`,
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
