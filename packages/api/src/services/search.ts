import { createHash } from "node:crypto";
import { z } from "zod";
import { Prisma, type Database, type DiscussionStatus } from "@parley/db";
import { DomainError } from "../errors";
import { labelRefSchema, discussionStatusSchema } from "../views/discussion";
import { userRefSchema } from "../views/user";
import {
  HIGHLIGHT_START,
  HIGHLIGHT_STOP,
  snippetSegmentSchema,
  toSegments,
} from "./search-snippets";

export const searchHitSchema = z.object({
  /** "discussion": the title matched (ranked above every body match); "message": a message body did. */
  kind: z.enum(["discussion", "message"]),
  /** The message's id for a message hit (its anchor is #message-<id>), the discussion's for a title hit. */
  id: z.uuid(),
  discussion: z.object({
    id: z.uuid(),
    title: z.string(),
    titleSegments: z.array(snippetSegmentSchema),
    status: discussionStatusSchema,
    labels: z.array(labelRefSchema),
  }),
  /** The message's author, or the discussion's starter for a title hit. */
  author: userRefSchema,
  createdAt: z.iso.datetime(),
  /** Where the words matched (for a title hit, the opening message); plain text runs, never HTML. */
  snippet: z.array(snippetSegmentSchema),
  score: z.number(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export interface SearchInput {
  q: string;
  labelId?: string | undefined;
  author?: string | undefined;
  status?: DiscussionStatus | undefined;
  /** Inclusive UTC days, YYYY-MM-DD. */
  from?: string | undefined;
  to?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

export interface SearchPage {
  items: SearchHit[];
  nextCursor: string | null;
}

// The configuration of the search_vector triggers (see the migration); both must agree.
const CONFIG = "english";
const MARKERS = HIGHLIGHT_START + HIGHLIGHT_STOP;
const BODY_HEADLINE = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxFragments=2, MaxWords=20, MinWords=8, FragmentDelimiter=" … "`;
// A title hit's opening message may not contain the words: then its first words are shown.
const OPENING_HEADLINE = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=24, MinWords=12`;
const TITLE_HEADLINE = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, HighlightAll=true`;
// ts_rank_cd normalization 1|32: divided by 1 + log(length), then scaled into [0, 1).
const RANK_NORMALIZATION = Prisma.raw("33");
const DAY_MS = 86_400_000;
/**
 * How many matches are ranked together: the newest this many, then the next this many, and so
 * on (docs/search.md). A search with fewer matches is ranked exactly; a broader one reads only
 * this many matches per page instead of every match, newest first by an index.
 */
export const RANK_WINDOW = 100;
/**
 * Rows read newest first before a search of several words leaves the window to the planner:
 * enough to fill a window of words found in 0.5% of messages, or 5% of titles.
 */
const PROBE_ROWS = { message: 20_000, discussion: 2_000 } as const;
/** A search's longest run: only a phrase of common words that rarely stand together comes near it. */
export const SEARCH_TIMEOUT_MS = 10_000;

/** Title hits come first (each above every body hit), then message hits. */
export type SearchPhase = "discussion" | "message";

/** A point in newest-first order: the (created_at, id) of a row. */
export interface RowKey {
  createdAt: Date;
  id: string;
}

export interface Position extends RowKey {
  score: number;
}

/** Where a page starts: the window (its newest row, or below a row) and the last hit read in it. */
export interface SearchState {
  phase: SearchPhase;
  /** null: the window starts at the newest match. */
  top: (RowKey & { inclusive: boolean }) | null;
  /** The last hit read in this window, in rank order; null at the window's start. */
  after: Position | null;
}

const START: SearchState = { phase: "discussion", top: null, after: null };
const MESSAGES_START: SearchState = { phase: "message", top: null, after: null };

// Compact, so that it fits the input's 300 characters: times in epoch ms (the columns keep ms).
const cursorSchema = z.tuple([
  z.enum(["d", "m"]),
  z.tuple([z.number().int(), z.uuid(), z.boolean()]).nullable(),
  z.tuple([z.number(), z.number().int(), z.uuid()]).nullable(),
  z.string(),
]);

/** The search a cursor belongs to: a cursor from another query or filter set is refused. */
function fingerprint(input: SearchInput): string {
  const { q, labelId, author, status, from, to } = input;
  return createHash("sha256")
    .update(JSON.stringify([q, labelId, author, status, from, to]))
    .digest("base64url")
    .slice(0, 12);
}

function encodeCursor(state: SearchState, print: string): string {
  const { top, after } = state;
  const tuple: z.infer<typeof cursorSchema> = [
    state.phase === "discussion" ? "d" : "m",
    top ? [top.createdAt.getTime(), top.id, top.inclusive] : null,
    after ? [after.score, after.createdAt.getTime(), after.id] : null,
    print,
  ];
  return Buffer.from(JSON.stringify(tuple)).toString("base64url");
}

function decodeCursor(cursor: string, print: string): SearchState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString());
  } catch {
    parsed = null;
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success) throw new DomainError("INVALID", "Invalid cursor");
  const [phase, top, after, cursorPrint] = result.data;
  if (cursorPrint !== print)
    throw new DomainError("INVALID", "This cursor belongs to another search");
  return {
    phase: phase === "d" ? "discussion" : "message",
    top: top ? { createdAt: new Date(top[0]), id: top[1], inclusive: top[2] } : null,
    after: after ? { score: after[0], createdAt: new Date(after[1]), id: after[2] } : null,
  };
}

function dayStart(day: string): Date {
  const date = new Date(`${day}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime())) throw new DomainError("INVALID", `Not a date: ${day}`);
  return date;
}

export interface HitsFilter {
  q: string;
  labelId?: string | undefined;
  status?: DiscussionStatus | undefined;
  authorId: string | null;
  from: Date | null;
  /** Exclusive. */
  until: Date | null;
}

const tsquery = (q: string) => Prisma.sql`websearch_to_tsquery(${CONFIG}::regconfig, ${q})`;

/** One ranked hit of a window, with what the page shows of it. */
interface WindowHit {
  kind: SearchPhase;
  id: string;
  discussion_id: string;
  created_at: Date;
  score: number;
  title: string;
  status: DiscussionStatus;
  labels: unknown;
  author: unknown;
  title_headline: string;
  body_headline: string | null;
}

/**
 * A window query's rows: the window's size and ends on every row, and its hits from `after` on
 * (none on the single row of a window read to its end).
 */
type WindowRow = {
  phase: SearchPhase;
  size: number;
  newest_at: Date | null;
  newest_id: string | null;
  oldest_at: Date | null;
  oldest_id: string | null;
} & ({ [K in keyof WindowHit]: WindowHit[K] } | { [K in keyof WindowHit]: null });

/**
 * One window of a phase, ranked: the newest `window` visible matches at or below `top` (found
 * newest first by the (created_at, id) index, or from the GIN index when the words are rare:
 * the planner picks by the words' frequency), ranked, and the next `take` hits after `after`.
 * Exported so that a test and the bench can EXPLAIN exactly what runs.
 */
export function windowQuery(
  filter: HitsFilter,
  state: SearchState,
  take: number,
  window: number,
): Prisma.Sql {
  const query = tsquery(filter.q);
  const message = state.phase === "message";
  // The row a branch reads: a message (its discussion by id) or a discussion.
  const t = message
    ? {
        row: Prisma.sql`m`,
        author: Prisma.sql`m.author_id`,
        discussionId: Prisma.sql`m.discussion_id`,
      }
    : { row: Prisma.sql`d`, author: Prisma.sql`d.created_by`, discussionId: Prisma.sql`d.id` };
  // A query of only stop words or only exclusions cannot use the index (and would match nothing
  // or nearly everything): it finds nothing. The planner folds this to a constant.
  const matches = (row: Prisma.Sql) =>
    Prisma.sql`${row}.search_vector @@ ${query} AND numnode(${query}) > 0 AND querytree(${query}) <> 'T'`;
  const conditions: Prisma.Sql[] = [];
  if (message) conditions.push(Prisma.sql`m.status = 'published' AND m.deleted_at IS NULL`);
  if (filter.status) conditions.push(Prisma.sql`d.status = ${filter.status}::"DiscussionStatus"`);
  if (filter.labelId) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM discussion_labels dl
      WHERE dl.discussion_id = ${t.discussionId} AND dl.label_id = ${filter.labelId}::uuid)`);
  }
  if (filter.authorId) conditions.push(Prisma.sql`${t.author} = ${filter.authorId}::uuid`);
  if (filter.from) conditions.push(Prisma.sql`${t.row}.created_at >= ${filter.from}`);
  if (filter.until) conditions.push(Prisma.sql`${t.row}.created_at < ${filter.until}`);
  const { top, after } = state;
  if (top) {
    // A row comparison on the index's own columns: a bound of the index scan, not a filter.
    const bound = Prisma.sql`(${top.createdAt}::timestamptz, ${top.id}::uuid)`;
    conditions.push(
      top.inclusive
        ? Prisma.sql`(${t.row}.created_at, ${t.row}.id) <= ${bound}`
        : Prisma.sql`(${t.row}.created_at, ${t.row}.id) < ${bound}`,
    );
  }
  const source = message
    ? Prisma.sql`SELECT 'message' AS kind, m.id, m.discussion_id, m.author_id, m.created_at, m.search_vector, 0 AS base
        FROM messages m ${filter.status ? Prisma.sql`JOIN discussions d ON d.id = m.discussion_id` : Prisma.empty}`
    : Prisma.sql`SELECT 'discussion' AS kind, d.id, d.id AS discussion_id, d.created_by AS author_id, d.created_at, d.search_vector, 1 AS base
        FROM discussions d`;
  const shown: Prisma.Sql[] = [];
  // A discussion whose opening message is held or rejected is not shown to anyone yet. Checked
  // on the window's rows only (a probe each): as a condition of the scan it hides the title
  // matches' frequency from the planner, which then reads every title match.
  if (!message) {
    shown.push(Prisma.sql`(SELECT o.status FROM messages o WHERE o.discussion_id = ranked.id
      ORDER BY o.created_at, o.id LIMIT 1) = 'published'`);
  }
  if (after) {
    shown.push(
      Prisma.sql`(score, created_at, id) < (${after.score}::float8, ${after.createdAt}::timestamptz, ${after.id}::uuid)`,
    );
  }
  const keyset = shown.length > 0 ? Prisma.sql`WHERE ${Prisma.join(shown, " AND ")}` : Prisma.empty;
  const rowFilter =
    conditions.length > 0 ? Prisma.sql`AND ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const newestFirst = Prisma.sql`ORDER BY ${t.row}.created_at DESC, ${t.row}.id DESC`;
  // The window: the newest `window` matches. Which index finds them fastest depends on how many
  // rows match: the planner knows a single word's frequency (the column's statistics) and reads
  // either every match from the GIN index or rows newest first until the window is full. For
  // several words it multiplies their frequencies, which underestimates words that go together
  // ("slow connection") and would read every match: so for those the newest PROBE_ROWS rows are
  // tried first, and only a window they cannot fill is left to the planner.
  return Prisma.sql`
    WITH probe AS MATERIALIZED (
      SELECT * FROM (
        ${source}
        WHERE numnode(${query}) > 1 ${rowFilter}
        ${newestFirst}
        LIMIT ${PROBE_ROWS[state.phase]}
      ) recent
      WHERE ${matches(Prisma.sql`recent`)}
      ORDER BY recent.created_at DESC, recent.id DESC
      LIMIT ${window}
    ), w AS MATERIALIZED (
      SELECT * FROM probe WHERE (SELECT count(*) FROM probe) >= ${window}
      UNION ALL
      (${source}
       WHERE ${matches(t.row)} ${rowFilter} AND (SELECT count(*) FROM probe) < ${window}
       ${newestFirst}
       LIMIT ${window})
    ), edge AS (
      SELECT count(*)::int AS size,
             (array_agg(created_at ORDER BY created_at DESC, id DESC))[1] AS newest_at,
             (array_agg(id ORDER BY created_at DESC, id DESC))[1] AS newest_id,
             (array_agg(created_at ORDER BY created_at, id))[1] AS oldest_at,
             (array_agg(id ORDER BY created_at, id))[1] AS oldest_id
      FROM w
    )
    SELECT ${state.phase}::text AS phase, edge.*, hits.kind, hits.id, hits.discussion_id, hits.created_at, hits.score,
      d.title, d.status,
      ts_headline(${CONFIG}::regconfig, translate(d.title, ${MARKERS}, ''), ${query}, ${TITLE_HEADLINE}) AS title_headline,
      -- Headlines cost, so only for the page's hits. A title hit shows its opening message.
      (SELECT ts_headline(${CONFIG}::regconfig, translate(b.body, ${MARKERS}, ''), ${query},
                          ${message ? BODY_HEADLINE : OPENING_HEADLINE})
       FROM messages b
       WHERE b.id = ${message ? Prisma.sql`hits.id` : Prisma.sql`(SELECT o.id FROM messages o WHERE o.discussion_id = hits.id ORDER BY o.created_at, o.id LIMIT 1)`}
         AND b.status = 'published' AND b.deleted_at IS NULL) AS body_headline,
      coalesce((SELECT json_agg(json_build_object('id', l.id, 'name', l.name, 'color', l.color) ORDER BY l.name)
                FROM discussion_labels dl JOIN labels l ON l.id = dl.label_id
                WHERE dl.discussion_id = d.id), '[]'::json) AS labels,
      json_build_object('id', u.id, 'handle', u.handle, 'displayName', u.display_name) AS author
    FROM edge LEFT JOIN LATERAL (
      SELECT kind, id, discussion_id, author_id, created_at, score FROM (
        SELECT kind, id, discussion_id, author_id, created_at,
               base + ts_rank_cd(search_vector, ${query}, ${RANK_NORMALIZATION})::float8 AS score
        FROM w
      ) ranked
      ${keyset}
      ORDER BY score DESC, created_at DESC, id DESC
      LIMIT ${take}
    ) hits ON true
    LEFT JOIN discussions d ON d.id = hits.discussion_id
    LEFT JOIN users u ON u.id = hits.author_id
    ORDER BY hits.score DESC, hits.created_at DESC, hits.id DESC`;
}

/**
 * The first title window and, unless the titles fill the page or their window (then more title
 * windows come first), the first message window: one statement for most first pages.
 */
export function firstPageQuery(filter: HitsFilter, take: number, window: number): Prisma.Sql {
  return Prisma.sql`
    WITH titles AS MATERIALIZED (${windowQuery(filter, START, take, window)})
    SELECT * FROM titles
    UNION ALL
    SELECT * FROM (${windowQuery(filter, MESSAGES_START, take, window)}) messages
    WHERE (SELECT max(size) FROM titles) < ${window} AND (SELECT count(kind) FROM titles) < ${take}`;
}

/** The hit on a window row; null on the row that only carries a window's edges. */
function windowHit(row: WindowRow): WindowHit | null {
  if (row.kind === null) return null;
  const {
    kind,
    id,
    discussion_id,
    created_at,
    score,
    title,
    status,
    labels,
    author,
    title_headline,
    body_headline,
  } = row;
  return {
    kind,
    id,
    discussion_id,
    created_at,
    score,
    title,
    status,
    labels,
    author,
    title_headline,
    body_headline,
  };
}

/** Rank order within a window: score, then newest first (as the window query sorts). */
function byRank(a: WindowHit, b: WindowHit): number {
  if (a.score !== b.score) return b.score - a.score;
  const time = b.created_at.getTime() - a.created_at.getTime();
  if (time !== 0) return time;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export interface SearchOptions {
  /** Matches ranked together; tests make it small to see the windows. */
  rankWindow?: number;
}

/**
 * Full-text search over published, non-deleted messages and discussion titles. Held, rejected
 * and deleted messages are never read here, not even for snippets. Title hits come first (score
 * 1 + rank, body hits rank < 1); each phase is ranked in windows of its newest RANK_WINDOW
 * matches (newest window first, by score within it, ties newest first); keyset-paginated on
 * (phase, window, score, created_at, id).
 */
export async function search(
  db: Database,
  input: SearchInput,
  options: SearchOptions = {},
): Promise<SearchPage> {
  const window = options.rankWindow ?? RANK_WINDOW;
  const print = fingerprint(input);
  let state = input.cursor ? decodeCursor(input.cursor, print) : START;
  const from = input.from ? dayStart(input.from) : null;
  const until = input.to ? new Date(dayStart(input.to).getTime() + DAY_MS) : null;
  if (from && until && from >= until)
    throw new DomainError("INVALID", "The start date is after the end date");

  let authorId: string | null = null;
  if (input.author) {
    const handle = input.author.replace(/^@/, "").toLowerCase();
    const user = await db.user.findUnique({ where: { handle }, select: { id: true } });
    if (!user) return { items: [], nextCursor: null };
    authorId = user.id;
  }
  const filter: HitsFilter = { ...input, authorId, from, until };

  // One more hit than the page, to know whether another page follows. Each hit keeps the state
  // a page ending on it continues from. Usually one window query; a page that reaches a
  // window's end reads the next window (or the next phase) too.
  const hits: { hit: WindowHit; next: SearchState }[] = [];
  // The first page also reads the first message window, in the same statement: titles often
  // do not fill it (rare words are rarely in titles).
  let prefetched: WindowRow[] | null = null;
  for (;;) {
    const take = input.limit + 1 - hits.length;
    let rows: WindowRow[];
    if (prefetched && state.phase === "message" && !state.top && !state.after) {
      rows = prefetched;
      prefetched = null;
    } else if (state.phase === "discussion" && !state.top && !state.after) {
      const both = await queryWithTimeout<WindowRow>(
        db,
        SEARCH_TIMEOUT_MS,
        firstPageQuery(filter, take, window),
      );
      rows = both.filter((row) => row.phase === "discussion");
      // No message rows: the titles fill the page or their window (the branch did not run).
      const messages = both.filter((row) => row.phase === "message");
      prefetched = messages.length > 0 ? messages : null;
    } else {
      rows = await queryWithTimeout<WindowRow>(
        db,
        SEARCH_TIMEOUT_MS,
        windowQuery(filter, state, take, window),
      );
    }
    const edge = rows[0];
    if (!edge?.newest_at || !edge.newest_id || !edge.oldest_at || !edge.oldest_id) {
      // An empty window: this phase has no more matches.
      if (state.phase === "message") break;
      state = MESSAGES_START;
      continue;
    }
    const top = state.top ?? { createdAt: edge.newest_at, id: edge.newest_id, inclusive: true };
    for (const hit of rows
      .map(windowHit)
      .filter((h) => h !== null)
      .sort(byRank)) {
      hits.push({
        hit,
        next: {
          phase: state.phase,
          top,
          after: { score: hit.score, createdAt: hit.created_at, id: hit.id },
        },
      });
    }
    if (hits.length > input.limit) break;
    if (edge.size >= window) {
      // A full window: older matches may follow in the next one.
      state = {
        phase: state.phase,
        top: { createdAt: edge.oldest_at, id: edge.oldest_id, inclusive: false },
        after: null,
      };
    } else if (state.phase === "discussion") {
      state = MESSAGES_START;
    } else {
      break;
    }
  }

  const page = hits.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((h) => toSearchHit(h.hit)),
    nextCursor: hits.length > input.limit && last ? encodeCursor(last.next, print) : null,
  };
}

const statementTimeoutSchema = z.object({
  meta: z.object({
    driverAdapterError: z.object({ cause: z.object({ code: z.literal("57014") }) }),
  }),
});

/**
 * Runs one query under a statement timeout. A window reads a bounded number of matches, but a
 * phrase of common words that rarely stand together is checked row by row; past the limit the
 * searcher is asked to narrow the search instead of the database working on.
 */
export async function queryWithTimeout<T>(
  db: Database,
  timeoutMs: number,
  query: Prisma.Sql,
): Promise<T[]> {
  try {
    const [, rows] = await db.$transaction([
      db.$queryRaw`SELECT set_config('statement_timeout', ${String(timeoutMs)}, true)`,
      db.$queryRaw<T[]>(query),
    ]);
    return rows;
  } catch (error) {
    if (statementTimeoutSchema.safeParse(error).success) {
      throw new DomainError(
        "INVALID",
        "This search matches too much to rank in time. Add a word, a phrase or a filter.",
      );
    }
    throw error;
  }
}

const labelsSchema = z.array(labelRefSchema);

function toSearchHit(hit: WindowHit): SearchHit {
  return {
    kind: hit.kind,
    id: hit.id,
    discussion: {
      id: hit.discussion_id,
      title: hit.title,
      titleSegments: toSegments(hit.title_headline),
      status: hit.status,
      labels: labelsSchema.parse(hit.labels),
    },
    author: userRefSchema.parse(hit.author),
    createdAt: hit.created_at.toISOString(),
    snippet: toSegments(hit.body_headline ?? ""),
    score: hit.score,
  };
}
