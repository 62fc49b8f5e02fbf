/**
 * Position in the outbox: the writing transaction's id and the row id. Rows are read in
 * (tx, id) order and only once their transaction is older than every running one, so a
 * cursor never moves past a row that is still to commit (docs/live-updates.md).
 */
export interface Cursor {
  tx: bigint;
  id: bigint;
}

export function encodeCursor(cursor: Cursor): string {
  return `${cursor.tx}-${cursor.id}`;
}

export function decodeCursor(value: string): Cursor | null {
  const match = /^(\d{1,20})-(\d{1,20})$/.exec(value);
  if (!match?.[1] || !match[2]) return null;
  return { tx: BigInt(match[1]), id: BigInt(match[2]) };
}

export function compareCursors(a: Cursor, b: Cursor): number {
  if (a.tx !== b.tx) return a.tx < b.tx ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}
