/**
 * Search latency through the real search service (packages/api/src/services/search.ts), on a
 * throwaway embedded PostgreSQL (or the server in DATABASE_URL):
 *   (a) the seeded demo community (@parley/db/seed);
 *   (b) a generated large set (default 1,000,000 messages over 20,000 discussions), written in
 *       SQL with generate_series: sentences of the demo corpus plus a long tail of rare words
 *       drawn with a Zipf-like (log-uniform) distribution, 3% held or rejected, 1% deleted.
 * After VACUUM ANALYZE, a mix of queries (common word, rare word, phrase, exclusion, label and
 * author filters, a second page) runs `--runs` times each; p50/p95/p99 per kind and overall,
 * the large/seeded ratio, and each kind's plan on the large set.
 *
 * Run: pnpm --filter @parley/api bench:search [-- --messages 1000000 --discussions 20000 --runs 30]
 */
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { createDatabase, migrateAll, Prisma, type Database } from "../packages/db/src/index";
import { createEmptyDatabase, dropDatabase } from "../packages/db/src/testing/databases";
import { startTestServer } from "../packages/db/src/testing/server";
import { seedDemo } from "../packages/db/src/seed/seed";
import { discussions as demoDiscussions, genericReplies, labels as demoLabels } from "../packages/db/src/seed/content";
import { hitsQuery, search, type SearchInput } from "../packages/api/src/services/search";

const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "1000000" },
    discussions: { type: "string", default: "20000" },
    users: { type: "string", default: "2000" },
    runs: { type: "string", default: "30" },
  },
});
const MESSAGES = Number(values.messages);
const DISCUSSIONS = Number(values.discussions);
const USERS = Number(values.users);
const RUNS = Number(values.runs);
const BATCH = 100_000;
const PHRASE = '"slow connection"';

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1).padStart(7) : "    n/a");
const log = (line: string) => console.info(line);

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** The demo corpus as sentences: realistic wording, so common words and phrases occur as they would. */
function corpusSentences(): string[] {
  const texts = [...demoDiscussions.flatMap((d) => [d.opening, ...d.replies]), ...genericReplies];
  return texts.flatMap((t) => t.split(/(?<=[.!?])\s+/)).filter((s) => s.length > 0);
}

async function generateLargeSet(db: Database): Promise<void> {
  const sentences = corpusSentences();
  const titles = demoDiscussions.map((d) => d.title);
  // Pseudo-words for the long tail: 4 syllables out of 20 each, up to 160,000 distinct words.
  await db.$executeRawUnsafe(`
    CREATE FUNCTION bench_word(n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT s[1 + n % 20] || s[1 + (n / 20) % 20] || s[1 + (n / 400) % 20] || s[1 + (n / 8000) % 20]
      FROM (SELECT ARRAY['ka','lo','mi','ne','ru','sa','ti','vo','ze','pa','do','fe','gu','hi','jo','ba','ce','xi','wy','qu'] AS s) syllables
    $$`);
  // Zipf-like rank: log-uniform over 1..100,000, so a few tail words are frequent and most are rare.
  await db.$executeRawUnsafe(`
    CREATE FUNCTION bench_tail() RETURNS text LANGUAGE sql VOLATILE AS $$
      SELECT bench_word(floor(exp(random() * ln(100000)))::int)
    $$`);
  await timed(`${USERS} users, ${demoLabels.length} labels, ${DISCUSSIONS} discussions`, async () => {
    await db.$executeRaw`
      INSERT INTO users (id, email, handle, display_name)
      SELECT uuidv7(), 'bench' || g || '@example.test', 'bench-' || g, 'Bench ' || g FROM generate_series(1, ${USERS}) g`;
    await db.$executeRaw`
      INSERT INTO labels (id, name, color, description)
      SELECT uuidv7(), name, '#64748b', '' FROM unnest(${demoLabels.map((l) => l.name)}::text[]) AS name`;
    await db.$executeRaw`
      WITH u AS (SELECT array_agg(id) AS ids FROM users)
      INSERT INTO discussions (id, title, created_by, created_at, last_activity_at, status)
      SELECT uuidv7(), t.titles[1 + floor(random() * cardinality(t.titles))::int] || ' ' || bench_tail(),
             u.ids[1 + floor(random() * cardinality(u.ids))::int], at, at,
             (CASE WHEN random() < 0.3 THEN 'closed' ELSE 'open' END)::"DiscussionStatus"
      FROM generate_series(1, ${DISCUSSIONS}) g, u, (SELECT ${titles}::text[] AS titles) t,
           LATERAL (SELECT now() - random() * interval '730 days' + g * interval '0' AS at) a`;
    // One or two labels on most discussions.
    await db.$executeRaw`
      INSERT INTO discussion_labels (discussion_id, label_id)
      SELECT DISTINCT d.id, (l.ids)[1 + floor(random() * cardinality(l.ids))::int]
      FROM discussions d, (SELECT array_agg(id ORDER BY name) AS ids FROM labels) l, generate_series(1, 2) k
      WHERE random() < 0.6
      ON CONFLICT DO NOTHING`;
  });
  // Bulk loads build a GIN index faster in one go than row by row.
  await db.$executeRawUnsafe(`DROP INDEX messages_search_vector_idx`);
  for (let start = 1; start <= MESSAGES; start += BATCH) {
    const end = Math.min(MESSAGES, start + BATCH - 1);
    await timed(`messages ${start}..${end}`, () => db.$executeRaw`
      WITH d AS (SELECT array_agg(id) AS ids FROM discussions),
           u AS (SELECT array_agg(id) AS ids FROM users),
           s AS (SELECT ${sentences}::text[] AS sentences)
      INSERT INTO messages (id, discussion_id, author_id, body, created_at, status, deleted_at)
      SELECT uuidv7(), d.ids[1 + floor(random() * cardinality(d.ids))::int], u.ids[1 + floor(random() * cardinality(u.ids))::int],
             (SELECT string_agg(s.sentences[1 + floor(random() * cardinality(s.sentences))::int + 0 * k], ' ')
                FROM generate_series(1, 1 + g % 4) k) || ' ' || bench_tail() || ' ' || bench_tail(),
             at,
             (CASE WHEN r < 0.02 THEN 'held' WHEN r < 0.03 THEN 'rejected' ELSE 'published' END)::"MessageStatus",
             CASE WHEN r > 0.99 THEN at + interval '1 hour' END
      FROM generate_series(${start}::int, ${end}::int) g, d, u, s,
           LATERAL (SELECT random() + 0 * g AS r, now() - random() * interval '730 days' + g * interval '0' AS at) x`);
  }
  await timed("GIN index on messages", async () => {
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL maintenance_work_mem = '512MB'`);
      await tx.$executeRawUnsafe(`CREATE INDEX messages_search_vector_idx ON messages USING GIN (search_vector)`);
    }, { timeout: 30 * 60_000 });
  });
  await db.$executeRaw`
    UPDATE discussions d SET message_count = c.n, last_activity_at = greatest(d.last_activity_at, c.latest)
    FROM (SELECT discussion_id, count(*)::int AS n, max(created_at) AS latest FROM messages GROUP BY discussion_id) c
    WHERE c.discussion_id = d.id`;
}

interface QueryKind {
  name: string;
  input: SearchInput;
  /** A second page: the first page's cursor is fetched once, outside the timing. */
  secondPage?: boolean;
}

/** The query mix, chosen from the data's own statistics so both sets are asked alike. */
async function queryMix(db: Database): Promise<QueryKind[]> {
  // A lexeme that is its own query (stemming leaves it alone), by how many messages hold it.
  const lexeme = async (order: Prisma.Sql) => {
    const [row] = await db.$queryRaw<{ word: string; ndoc: number }[]>`
      SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM messages')
      WHERE length(word) > 3 AND websearch_to_tsquery('english', word)::text = quote_literal(word)
      ${order} LIMIT 1`;
    if (!row) throw new Error("No words in the data");
    return row;
  };
  const common = await lexeme(Prisma.sql`ORDER BY ndoc DESC, word`);
  const rare = await lexeme(Prisma.sql`AND ndoc = 2 ORDER BY word`);
  const [label] = await db.$queryRaw<{ id: string; name: string }[]>`
    SELECT l.id, l.name FROM labels l JOIN discussion_labels dl ON dl.label_id = l.id
    GROUP BY l.id ORDER BY count(*) DESC, l.name LIMIT 1`;
  const [author] = await db.$queryRaw<{ handle: string }[]>`
    SELECT u.handle FROM users u JOIN messages m ON m.author_id = u.id
    GROUP BY u.id ORDER BY count(*) DESC, u.handle LIMIT 1`;
  if (!label || !author) throw new Error("No labels or authors in the data");
  log(`  common word "${common.word}" (${common.ndoc} messages), rare word "${rare.word}" (${rare.ndoc}), label "${label.name}", author @${author.handle}`);
  const base = { limit: 20 };
  return [
    { name: `common word`, input: { ...base, q: common.word } },
    { name: `common word, page 2`, input: { ...base, q: common.word }, secondPage: true },
    { name: `rare word`, input: { ...base, q: rare.word } },
    { name: `phrase ${PHRASE}`, input: { ...base, q: PHRASE } },
    { name: `exclusion`, input: { ...base, q: `connection -slow` } },
    { name: `common + label`, input: { ...base, q: common.word, labelId: label.id } },
    { name: `common + author`, input: { ...base, q: common.word, author: author.handle } },
    { name: `rare + label`, input: { ...base, q: rare.word, labelId: label.id } },
  ];
}

interface Figures {
  perKind: Map<string, number[]>;
  all: number[];
}

async function measure(db: Database, kinds: QueryKind[]): Promise<Figures> {
  const prepared = await Promise.all(
    kinds.map(async (kind) => {
      if (!kind.secondPage) return kind;
      const first = await search(db, kind.input);
      return { ...kind, input: { ...kind.input, cursor: first.nextCursor ?? undefined } };
    }),
  );
  const perKind = new Map<string, number[]>(kinds.map((k) => [k.name, []]));
  // Two warm-up rounds fill the caches; then the kinds interleave so drift hits them alike.
  for (let round = -2; round < RUNS; round++) {
    for (const kind of prepared) {
      const started = performance.now();
      await search(db, kind.input);
      if (round >= 0) perKind.get(kind.name)?.push(performance.now() - started);
    }
  }
  const all = [...perKind.values()].flat().sort((a, b) => a - b);
  for (const samples of perKind.values()) samples.sort((a, b) => a - b);
  return { perKind, all };
}

function report(title: string, figures: Figures) {
  log(`\n${title}: latency in ms over ${RUNS} runs per kind (p50 / p95 / p99)`);
  for (const [name, samples] of figures.perKind) {
    log(`  ${name.padEnd(28)} ${ms(quantile(samples, 0.5))} ${ms(quantile(samples, 0.95))} ${ms(quantile(samples, 0.99))}`);
  }
  log(`  ${"all".padEnd(28)} ${ms(quantile(figures.all, 0.5))} ${ms(quantile(figures.all, 0.95))} ${ms(quantile(figures.all, 0.99))}`);
}

/** The plan of each kind's hit query, reduced to its scans, and the executor's time. */
async function explain(db: Database, kinds: QueryKind[]) {
  log("\nPlans on the large set (scans only):");
  for (const kind of kinds.filter((k) => !k.secondPage)) {
    const authorId = kind.input.author
      ? (await db.user.findUniqueOrThrow({ where: { handle: kind.input.author }, select: { id: true } })).id
      : null;
    const rows = await db.$queryRaw<{ "QUERY PLAN": string }[]>(
      Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${hitsQuery({ ...kind.input, authorId, from: null, until: null, after: null })}`,
    );
    const lines = rows.map((r) => r["QUERY PLAN"]);
    const scans = lines.filter((l) => /Scan|BitmapAnd|Execution Time/.test(l)).map((l) => l.trim().replace(/\s+\(cost=.*$/, ""));
    log(`  ${kind.name}:\n    ${scans.join("\n    ")}`);
  }
}

async function prepare(adminUrl: string, name: string, fill: (db: Database) => Promise<void>) {
  const url = await createEmptyDatabase(adminUrl, name);
  await migrateAll(url);
  const db = createDatabase(url, { max: 4 });
  await fill(db);
  await timed("VACUUM ANALYZE", () => db.$executeRawUnsafe("VACUUM ANALYZE"));
  return db;
}

async function main() {
  const pg = await startTestServer();
  const names = [`parley_bench_search_seeded_${process.pid}`, `parley_bench_search_large_${process.pid}`] as const;
  const dbs: Database[] = [];
  try {
    log("(a) seeded demo data");
    const seeded = await prepare(pg.adminUrl, names[0], async (db) => {
      const summary = await seedDemo(db);
      log(`  ${summary.discussions} discussions, ${summary.messages} messages`);
    });
    dbs.push(seeded);
    const seededFigures = await measure(seeded, await queryMix(seeded));

    log(`\n(b) generated: ${MESSAGES.toLocaleString("en")} messages over ${DISCUSSIONS.toLocaleString("en")} discussions`);
    const large = await prepare(pg.adminUrl, names[1], generateLargeSet);
    dbs.push(large);
    const [size] = await large.$queryRaw<{ messages: string; index: string }[]>`
      SELECT pg_size_pretty(pg_total_relation_size('messages')) AS messages,
             pg_size_pretty(pg_relation_size('messages_search_vector_idx')) AS index`;
    log(`  messages table ${size?.messages ?? "?"} (GIN index ${size?.index ?? "?"})`);
    const largeKinds = await queryMix(large);
    const largeFigures = await measure(large, largeKinds);

    report("(a) seeded", seededFigures);
    report("(b) large", largeFigures);
    const ratio = (q: number) => (quantile(largeFigures.all, q) / quantile(seededFigures.all, q)).toFixed(1);
    log(`\nlarge/seeded ratio: p50 ${ratio(0.5)}x, p95 ${ratio(0.95)}x, p99 ${ratio(0.99)}x`);
    await explain(large, largeKinds);
  } finally {
    for (const db of dbs) await db.$disconnect();
    for (const name of names) await dropDatabase(pg.adminUrl, name).catch(() => undefined);
    await pg.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
