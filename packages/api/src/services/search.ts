import { createHash } from "node:crypto";
import { z } from "zod";
import { Prisma, type Database, type DiscussionStatus } from "@parley/db";
import { DomainError } from "../errors";
import { labelRefSchema, discussionStatusSchema } from "../views/discussion";
import { userRefSchema } from "../views/user";
import { HIGHLIGHT_START, HIGHLIGHT_STOP, snippetSegmentSchema, toSegments } from "./search-snippets";

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
/** A search's longest run (on 1M messages the most common word takes about 2 s on a busy machine). */
export const SEARCH_TIMEOUT_MS = 10_000;

const cursorSchema = z.tuple([z.number(), z.iso.datetime(), z.uuid(), z.string()]);
export interface Position {
  score: number;
  createdAt: Date;
  id: string;
}

/** The search a cursor belongs to: a cursor from another query or filter set is refused. */
function fingerprint(input: SearchInput): string {
  const { q, labelId, author, status, from, to } = input;
  return createHash("sha256")
    .update(JSON.stringify([q, labelId, author, status, from, to]))
    .digest("base64url")
    .slice(0, 12);
}

function encodeCursor(position: Position, print: string): string {
  const tuple: z.infer<typeof cursorSchema> = [position.score, position.createdAt.toISOString(), position.id, print];
  return Buffer.from(JSON.stringify(tuple)).toString("base64url");
}

function decodeCursor(cursor: string, print: string): Position {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString());
  } catch {
    parsed = null;
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success) throw new DomainError("INVALID", "Invalid cursor");
  const [score, createdAt, id, cursorPrint] = result.data;
  if (cursorPrint !== print) throw new DomainError("INVALID", "This cursor belongs to another search");
  return { score, createdAt: new Date(createdAt), id };
}

function dayStart(day: string): Date {
  const date = new Date(`${day}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime())) throw new DomainError("INVALID", `Not a date: ${day}`);
  return date;
}

interface HitRow {
  kind: "discussion" | "message";
  id: string;
  created_at: Date;
  score: number;
  discussion_id: string;
  title: string;
  status: DiscussionStatus;
  labels: unknown;
  author: unknown;
  title_headline: string;
  body_headline: string | null;
}

export interface HitsFilter {
  q: string;
  labelId?: string | undefined;
  status?: DiscussionStatus | undefined;
  authorId: string | null;
  from: Date | null;
  /** Exclusive. */
  until: Date | null;
  after: Position | null;
  limit: number;
}

const tsquery = (q: string) => Prisma.sql`websearch_to_tsquery(${CONFIG}::regconfig, ${q})`;

/** One page of hits, ranked; exported so a test can EXPLAIN exactly what runs. */
export function hitsQuery(filter: HitsFilter): Prisma.Sql {
  const query = tsquery(filter.q);
  // Columns of the row a branch filters: a message (its discussion by id) or a discussion.
  const shared = (createdAt: Prisma.Sql, author: Prisma.Sql, discussionId: Prisma.Sql) => {
    const conditions: Prisma.Sql[] = [];
    if (filter.status) conditions.push(Prisma.sql`d.status = ${filter.status}::"DiscussionStatus"`);
    if (filter.labelId) {
      conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM discussion_labels dl
        WHERE dl.discussion_id = ${discussionId} AND dl.label_id = ${filter.labelId}::uuid)`);
    }
    if (filter.authorId) conditions.push(Prisma.sql`${author} = ${filter.authorId}::uuid`);
    if (filter.from) conditions.push(Prisma.sql`${createdAt} >= ${filter.from}`);
    if (filter.until) conditions.push(Prisma.sql`${createdAt} < ${filter.until}`);
    return conditions.length > 0 ? Prisma.sql`AND ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  };
  // A query of only stop words or only exclusions cannot use the index (and would match nothing
  // or nearly everything): it finds nothing. The planner folds this to a constant.
  const searchable = Prisma.sql`numnode(${query}) > 0 AND querytree(${query}) <> 'T'`;
  // Message hits need their discussion's row only to filter on its status (a probe per match).
  const messageJoin = filter.status ? Prisma.sql`JOIN discussions d ON d.id = m.discussion_id` : Prisma.empty;
  const { after } = filter;
  const keyset = after
    ? Prisma.sql`WHERE (score, created_at, id) < (${after.score}::float8, ${after.createdAt}::timestamptz, ${after.id}::uuid)`
    : Prisma.empty;
  return Prisma.sql`
    SELECT kind, id, discussion_id, author_id, created_at, score FROM (
      SELECT 'message' AS kind, m.id, m.discussion_id, m.author_id, m.created_at,
             ts_rank_cd(m.search_vector, ${query}, ${RANK_NORMALIZATION})::float8 AS score
      FROM messages m ${messageJoin}
      WHERE m.search_vector @@ ${query} AND ${searchable}
        AND m.status = 'published' AND m.deleted_at IS NULL
        ${shared(Prisma.sql`m.created_at`, Prisma.sql`m.author_id`, Prisma.sql`m.discussion_id`)}
      UNION ALL
      SELECT 'discussion' AS kind, d.id, d.id, d.created_by, d.created_at,
             1 + ts_rank_cd(d.search_vector, ${query}, ${RANK_NORMALIZATION})::float8 AS score
      FROM discussions d
      WHERE d.search_vector @@ ${query} AND ${searchable}
        -- A discussion whose opening message is held or rejected is not shown to anyone yet.
        AND (SELECT o.status FROM messages o WHERE o.discussion_id = d.id
             ORDER BY o.created_at, o.id LIMIT 1) = 'published'
        ${shared(Prisma.sql`d.created_at`, Prisma.sql`d.created_by`, Prisma.sql`d.id`)}
    ) hits
    ${keyset}
    ORDER BY score DESC, created_at DESC, id DESC
    LIMIT ${filter.limit + 1}`;
}

/**
 * Full-text search over published, non-deleted messages and discussion titles. Held, rejected
 * and deleted messages are never read here, not even for snippets. Ordered by score (title
 * hits score 1 + rank, body hits rank < 1), then newest first; keyset-paginated on that order.
 */
export async function search(db: Database, input: SearchInput): Promise<SearchPage> {
  const print = fingerprint(input);
  const after = input.cursor ? decodeCursor(input.cursor, print) : null;
  const from = input.from ? dayStart(input.from) : null;
  const until = input.to ? new Date(dayStart(input.to).getTime() + DAY_MS) : null;
  if (from && until && from >= until) throw new DomainError("INVALID", "The start date is after the end date");

  let authorId: string | null = null;
  if (input.author) {
    const handle = input.author.replace(/^@/, "").toLowerCase();
    const user = await db.user.findUnique({ where: { handle }, select: { id: true } });
    if (!user) return { items: [], nextCursor: null };
    authorId = user.id;
  }

  const rows = await queryWithTimeout<HitRow>(db, SEARCH_TIMEOUT_MS, describedHitsQuery({ ...input, authorId, from, until, after }));
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(toSearchHit),
    nextCursor:
      rows.length > input.limit && last
        ? encodeCursor({ score: last.score, createdAt: last.created_at, id: last.id }, print)
        : null,
  };
}

const statementTimeoutSchema = z.object({
  meta: z.object({ driverAdapterError: z.object({ cause: z.object({ code: z.literal("57014") }) }) }),
});

/**
 * Runs one query under a statement timeout. Ranking is exhaustive, so a word found in a large
 * share of all messages costs seconds (docs/search.md); past the limit the searcher is asked to
 * narrow the search instead of the database working on.
 */
export async function queryWithTimeout<T>(db: Database, timeoutMs: number, query: Prisma.Sql): Promise<T[]> {
  try {
    const [, rows] = await db.$transaction([
      db.$queryRaw`SELECT set_config('statement_timeout', ${String(timeoutMs)}, true)`,
      db.$queryRaw<T[]>(query),
    ]);
    return rows;
  } catch (error) {
    if (statementTimeoutSchema.safeParse(error).success) {
      throw new DomainError("INVALID", "This search matches too much to rank in time. Add a word, a phrase or a filter.");
    }
    throw error;
  }
}

/** The page of hits with titles, snippets, labels and authors; headlines cost, so only for the page. */
function describedHitsQuery(filter: HitsFilter): Prisma.Sql {
  const query = tsquery(filter.q);
  return Prisma.sql`
    SELECT h.kind, h.id, h.created_at, h.score, h.discussion_id, d.title, d.status,
      ts_headline(${CONFIG}::regconfig, translate(d.title, ${MARKERS}, ''), ${query}, ${TITLE_HEADLINE}) AS title_headline,
      (SELECT ts_headline(${CONFIG}::regconfig, translate(m.body, ${MARKERS}, ''), ${query},
                          CASE WHEN h.kind = 'message' THEN ${BODY_HEADLINE} ELSE ${OPENING_HEADLINE} END)
       FROM messages m
       WHERE m.id = CASE WHEN h.kind = 'message' THEN h.id
                         ELSE (SELECT o.id FROM messages o WHERE o.discussion_id = h.discussion_id
                               ORDER BY o.created_at, o.id LIMIT 1) END
         AND m.status = 'published' AND m.deleted_at IS NULL) AS body_headline,
      coalesce((SELECT json_agg(json_build_object('id', l.id, 'name', l.name, 'color', l.color) ORDER BY l.name)
                FROM discussion_labels dl JOIN labels l ON l.id = dl.label_id
                WHERE dl.discussion_id = d.id), '[]'::json) AS labels,
      json_build_object('id', u.id, 'handle', u.handle, 'displayName', u.display_name) AS author
    FROM (${hitsQuery(filter)}) h
    JOIN discussions d ON d.id = h.discussion_id
    JOIN users u ON u.id = h.author_id
    ORDER BY h.score DESC, h.created_at DESC, h.id DESC`;
}

const labelsSchema = z.array(labelRefSchema);

function toSearchHit(row: HitRow): SearchHit {
  return {
    kind: row.kind,
    id: row.id,
    discussion: {
      id: row.discussion_id,
      title: row.title,
      titleSegments: toSegments(row.title_headline),
      status: row.status,
      labels: labelsSchema.parse(row.labels),
    },
    author: userRefSchema.parse(row.author),
    createdAt: row.created_at.toISOString(),
    snippet: toSegments(row.body_headline ?? ""),
    score: row.score,
  };
}
