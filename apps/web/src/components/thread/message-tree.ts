import { type MessageView } from "./types";

export interface MessageNode {
  message: MessageView;
  replies: MessageNode[];
}

/**
 * The opening post and the replies under it, nested by parentId in posting order. Replies to the
 * opening post and replies to the discussion itself (no parent) are both top-level replies; a
 * reply whose parent is not loaded is shown at the top level rather than dropped. A window that
 * does not reach the thread's first message (`hasOpening` false) has no opening post.
 */
export function buildThread(
  messages: readonly MessageView[],
  hasOpening = true,
): { opening: MessageView | null; replies: MessageNode[] } {
  const opening = hasOpening ? (messages.find((m) => m.parentId === null) ?? null) : null;
  const nodes = new Map(messages.map((m) => [m.id, { message: m, replies: [] as MessageNode[] }]));
  const replies: MessageNode[] = [];
  for (const message of messages) {
    if (message.id === opening?.id) continue;
    const node = nodes.get(message.id);
    if (!node) continue;
    const parent = message.parentId && message.parentId !== opening?.id ? nodes.get(message.parentId) : undefined;
    (parent ? parent.replies : replies).push(node);
  }
  return { opening, replies };
}

export function countReplies(nodes: readonly MessageNode[]): number {
  return nodes.reduce((sum, node) => sum + 1 + countReplies(node.replies), 0);
}
