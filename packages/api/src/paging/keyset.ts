import { DomainError } from "../errors";

/**
 * Keyset paging, the one helper every list uses. A position is a row's sort key and its id
 * (the tie-breaker); a cursor is that position, opaque to clients (base64url).
 *
 * The condition must reach PostgreSQL as an index bound, not a filter (docs/performance.md):
 * raw SQL writes it as a row comparison (`(created_at, id) > ($1, $2)`); for Prisma, which
 * cannot, `keysetWhere` adds the bound `at <= $1` that the index serves and leaves only the
 * rows that tie on `at` to the filter.
 */
export interface KeysetPosition {
  at: Date;
  id: string;
}

export type SortOrder = "asc" | "desc";

export function encodeKeyset(position: KeysetPosition): string {
  return Buffer.from(`${position.at.toISOString()}|${position.id}`).toString("base64url");
}

export function decodeKeyset(cursor: string): KeysetPosition {
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const date = at ? new Date(at) : new Date(Number.NaN);
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(date.getTime())) {
    throw new DomainError("INVALID", "Invalid cursor");
  }
  return { at: date, id };
}

export const decodeOptionalKeyset = (cursor: string | null | undefined): KeysetPosition | null =>
  cursor ? decodeKeyset(cursor) : null;

type Bound = { lte: Date } | { gte: Date };
type Strict = { lt: Date } | { gt: Date };
type KeysetWhere<F extends string> =
  | {
      AND: [Record<F, Bound>, { OR: [Record<F, Strict>, { id: { lt: string } | { gt: string } }] }];
    }
  | { AND?: undefined };

/**
 * A Prisma filter for the rows after `after` in the order (`field` `order`, id `order`):
 * `field <= at AND (field < at OR id < lastId)` for a descending list, mirrored for ascending.
 * The first term bounds the index scan; the second only sees rows that tie on `field`.
 */
export function keysetWhere<F extends string>(
  field: F,
  after: KeysetPosition | null,
  order: SortOrder,
): KeysetWhere<F> {
  if (!after) return {};
  const bound = { [field]: order === "desc" ? { lte: after.at } : { gte: after.at } } as Record<
    F,
    Bound
  >;
  const strict = { [field]: order === "desc" ? { lt: after.at } : { gt: after.at } } as Record<
    F,
    Strict
  >;
  return {
    AND: [bound, { OR: [strict, { id: order === "desc" ? { lt: after.id } : { gt: after.id } }] }],
  };
}

/**
 * Cuts a page from `limit + 1` rows fetched in list order, and the cursor of the next page
 * (null on the last one).
 */
export function cutPage<Row>(
  rows: readonly Row[],
  limit: number,
  position: (row: Row) => KeysetPosition,
): { page: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeKeyset(position(last)) : null };
}
