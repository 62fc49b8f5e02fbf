import { type MessageView } from "../thread/types";

/**
 * How many loaded messages came after the one a summary covers up to; null when that message is
 * not among the loaded ones (an older page), so the count would be a guess.
 */
export function newMessagesSince(messages: readonly MessageView[], coversUpToMessageId: string | null): number | null {
  if (coversUpToMessageId === null) return null;
  const index = messages.findIndex((message) => message.id === coversUpToMessageId);
  if (index === -1) return null;
  return messages.slice(index + 1).filter((message) => message.deletedAt === null).length;
}

export function stalenessNote(count: number | null): string {
  if (count === null) return "newer messages are not included yet";
  return `${count} new ${count === 1 ? "message" : "messages"} since this summary`;
}
