import { type MessagePages, type MessageView } from "./types";

const lastChange = (m: MessageView) => [m.createdAt, m.editedAt ?? "", m.deletedAt ?? ""].sort().at(-1) ?? m.createdAt;

/** Whether `incoming` is at least as recent as `current`; a deletion is final. */
function supersedes(incoming: MessageView, current: MessageView): boolean {
  if (current.deletedAt) return false;
  if (incoming.deletedAt) return true;
  return lastChange(incoming) >= lastChange(current);
}

/**
 * Puts a message into the loaded pages, once: the same message arrives from our own mutation and
 * from the live stream, in either order. A new message is appended only when the last page is
 * loaded (otherwise "Load more" will bring it, in order).
 */
export function upsertMessage<P>(data: MessagePages<P>, message: MessageView): MessagePages<P> {
  for (const [pageIndex, page] of data.pages.entries()) {
    const index = page.items.findIndex((m) => m.id === message.id);
    if (index === -1) continue;
    const current = page.items[index];
    if (!current || !supersedes(message, current)) return data;
    const items = page.items.with(index, message);
    return { ...data, pages: data.pages.with(pageIndex, { ...page, items }) };
  }
  const last = data.pages.at(-1);
  if (!last || last.nextCursor !== null) return data;
  return { ...data, pages: data.pages.with(-1, { ...last, items: [...last.items, message] }) };
}

/** Takes a message out of the loaded pages (one withdrawn by moderation). */
export function removeMessage<P>(data: MessagePages<P>, id: string): MessagePages<P> {
  return { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.filter((m) => m.id !== id) })) };
}

/** The loaded messages in posting order, each once. */
export function allMessages(data: MessagePages | undefined): MessageView[] {
  const byId = new Map<string, MessageView>();
  for (const page of data?.pages ?? []) for (const message of page.items) if (!byId.has(message.id)) byId.set(message.id, message);
  return [...byId.values()];
}
