import { type IndexedMessage } from "./sources";

/** A stored block as planning needs it. */
export interface StoredBlock {
  id: string;
  lastAt: Date;
  lastId: string;
  messageIds: string[];
  fingerprints: string[];
  model: string;
}

export type PlannedBlock<B extends StoredBlock = StoredBlock> =
  | { kind: "reuse"; block: B }
  /** `extends`: a stored block whose messages are all unchanged and come first here (only
   * messages were appended to it), so a summary that covered it needs only the new part. */
  | { kind: "build"; messages: IndexedMessage[]; replaces: B[]; extends?: B };

const after = (m: { createdAt: Date; id: string }, at: Date, id: string) =>
  m.createdAt.getTime() > at.getTime() || (m.createdAt.getTime() === at.getTime() && m.id > id);

function sameMessages(block: StoredBlock, messages: IndexedMessage[]): boolean {
  return (
    block.messageIds.length === messages.length &&
    messages.every(
      (m, i) => block.messageIds[i] === m.id && block.fingerprints[i] === m.fingerprint,
    )
  );
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Splits a thread's visible messages (posting order) into blocks of `size`, keeping the
 * stored blocks whose messages are exactly as they were (same ids, same fingerprints, same
 * model). A stored block keeps its key range: a change inside it rebuilds that block alone,
 * and later blocks keep their boundaries. New messages first fill the last block up to
 * `size`, then start new ones.
 */
export function planBlocks<B extends StoredBlock>(
  index: IndexedMessage[],
  stored: B[],
  size: number,
  model: string,
): PlannedBlock<B>[] {
  const plan: PlannedBlock<B>[] = [];
  let at = 0;
  for (const block of stored) {
    const members: IndexedMessage[] = [];
    while (at < index.length) {
      const message = index[at];
      if (!message || after(message, block.lastAt, block.lastId)) break;
      members.push(message);
      at++;
    }
    if (members.length === 0) continue; // every message of the block is gone
    if (block.model === model && sameMessages(block, members)) plan.push({ kind: "reuse", block });
    else
      for (const part of chunk(members, size))
        plan.push({ kind: "build", messages: part, replaces: [block] });
  }
  let tail = index.slice(at);
  const last = plan.at(-1);
  if (tail.length > 0 && last) {
    const lastMessages = last.kind === "reuse" ? null : last.messages;
    const count = last.kind === "reuse" ? last.block.messageIds.length : last.messages.length;
    const room = size - count;
    if (room > 0) {
      const fill = tail.slice(0, room);
      tail = tail.slice(room);
      if (last.kind === "reuse") {
        const kept = index.filter((m) => last.block.messageIds.includes(m.id));
        plan[plan.length - 1] = {
          kind: "build",
          messages: [...kept, ...fill],
          replaces: [last.block],
          extends: last.block,
        };
      } else if (lastMessages) {
        lastMessages.push(...fill);
      }
    }
  }
  for (const part of chunk(tail, size)) plan.push({ kind: "build", messages: part, replaces: [] });
  return plan;
}
