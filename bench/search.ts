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
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { loadavg } from "node:os";
import { createDatabase, migrateAll, Prisma, type Database } from "../packages/db/src/index";
import { createEmptyDatabase, dropDatabase } from "../packages/db/src/testing/databases";
import { startTestServer } from "../packages/db/src/testing/server";
import { seedDemo } from "../packages/db/src/seed/seed";
import {
  RANK_WINDOW,
  search,
  windowQuery,
  type SearchInput,
} from "../packages/api/src/services/search";
import { generateLargeSet, timed } from "./search-data";

const { values } = parseArgs({
  // pnpm 12 passes a literal `--` through to the script.
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    messages: { type: "string", default: "1000000" },
    discussions: { type: "string", default: "20000" },
    users: { type: "string", default: "2000" },
    runs: { type: "string", default: "30" },
    /** Also write the large set's figures as JSON to this file (`pnpm bench` reads it). */
    json: { type: "string" },
  },
});
const MESSAGES = Number(values.messages);
const DISCUSSIONS = Number(values.discussions);
const USERS = Number(values.users);
const RUNS = Number(values.runs);
const PHRASE = '"slow connection"';

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1).padStart(7) : "    n/a");
const log = (line: string) => console.info(line);

interface QueryKind {
  name: string;
  input: SearchInput;
  /** A later page (2 = the second): the cursor is fetched once, outside the timing. */
  page?: number;
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
  log(
    `  common word "${common.word}" (${common.ndoc} messages), rare word "${rare.word}" (${rare.ndoc}), label "${label.name}", author @${author.handle}`,
  );
  const base = { limit: 20 };
  return [
    { name: `common word`, input: { ...base, q: common.word } },
    { name: `common word, page 2`, input: { ...base, q: common.word }, page: 2 },
    // Past the first window of titles (100 per window, 20 per page).
    { name: `common word, page 8`, input: { ...base, q: common.word }, page: 8 },
    // A message window deep in the results: the word is in no title.
    { name: `exclusion, page 8`, input: { ...base, q: `connection -slow` }, page: 8 },
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
  /** 1-minute load average before and after the runs (the machine is shared). */
  load: [number, number];
}

async function measure(db: Database, kinds: QueryKind[]): Promise<Figures> {
  const prepared = await Promise.all(
    kinds.map(async (kind) => {
      let cursor: string | undefined;
      // A set with fewer pages (the seeded one) measures its last page.
      for (let page = 1; page < (kind.page ?? 1); page++) {
        const next = (await search(db, { ...kind.input, cursor })).nextCursor;
        if (!next) break;
        cursor = next;
      }
      return { ...kind, input: { ...kind.input, cursor } };
    }),
  );
  const loadBefore = loadavg()[0] ?? NaN;
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
  return { perKind, all, load: [loadBefore, loadavg()[0] ?? NaN] };
}

function report(title: string, figures: Figures) {
  const [before, after] = figures.load.map((l) => l.toFixed(2));
  log(
    `\n${title}: latency in ms over ${RUNS} runs per kind (p50 / p95 / p99), load average ${before} → ${after}`,
  );
  for (const [name, samples] of figures.perKind) {
    log(
      `  ${name.padEnd(28)} ${ms(quantile(samples, 0.5))} ${ms(quantile(samples, 0.95))} ${ms(quantile(samples, 0.99))}`,
    );
  }
  log(
    `  ${"all".padEnd(28)} ${ms(quantile(figures.all, 0.5))} ${ms(quantile(figures.all, 0.95))} ${ms(quantile(figures.all, 0.99))}`,
  );
}

/**
 * The plan of each kind's first window (title phase, then message phase), reduced to its scans,
 * rows read and thrown away, buffers, and the executor's time.
 */
async function explain(db: Database, kinds: QueryKind[]) {
  log(`\nPlans on the large set (first window of ${RANK_WINDOW}, page of 20):`);
  for (const kind of kinds.filter((k) => !k.page)) {
    const authorId = kind.input.author
      ? (
          await db.user.findUniqueOrThrow({
            where: { handle: kind.input.author },
            select: { id: true },
          })
        ).id
      : null;
    for (const phase of ["discussion", "message"] as const) {
      const query = windowQuery(
        { ...kind.input, authorId, from: null, until: null },
        { phase, top: null, after: null },
        21,
        RANK_WINDOW,
      );
      const rows = await db.$queryRaw<{ "QUERY PLAN": string }[]>(
        Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`,
      );
      const lines = rows.map((r) => r["QUERY PLAN"]);
      const shown = lines
        .filter(
          (l) =>
            /(Scan (?!on w)|BitmapAnd|Rows Removed|Execution Time)/.test(l) &&
            !/never executed/.test(l),
        )
        .map((l) => l.trim().replace(/\s+\(cost=[^)]*\)/, ""));
      const buffers = lines.find((l) => l.trim().startsWith("Buffers:"))?.trim() ?? "";
      log(`  ${kind.name}, ${phase}s: ${buffers}\n    ${shown.join("\n    ")}`);
    }
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
  const names = [
    `parley_bench_search_seeded_${process.pid}`,
    `parley_bench_search_large_${process.pid}`,
  ] as const;
  const dbs: Database[] = [];
  try {
    log("(a) seeded demo data");
    const seeded = await prepare(pg.adminUrl, names[0], async (db) => {
      const summary = await seedDemo(db);
      log(`  ${summary.discussions} discussions, ${summary.messages} messages`);
    });
    dbs.push(seeded);
    const seededFigures = await measure(seeded, await queryMix(seeded));

    log(
      `\n(b) generated: ${MESSAGES.toLocaleString("en")} messages over ${DISCUSSIONS.toLocaleString("en")} discussions`,
    );
    const large = await prepare(pg.adminUrl, names[1], (db) =>
      generateLargeSet(db, { messages: MESSAGES, discussions: DISCUSSIONS, users: USERS }),
    );
    dbs.push(large);
    const [size] = await large.$queryRaw<{ messages: string; index: string }[]>`
      SELECT pg_size_pretty(pg_total_relation_size('messages')) AS messages,
             pg_size_pretty(pg_relation_size('messages_search_vector_idx')) AS index`;
    log(`  messages table ${size?.messages ?? "?"} (GIN index ${size?.index ?? "?"})`);
    const largeKinds = await queryMix(large);
    const largeFigures = await measure(large, largeKinds);

    report("(a) seeded", seededFigures);
    report("(b) large", largeFigures);
    const ratio = (q: number) =>
      (quantile(largeFigures.all, q) / quantile(seededFigures.all, q)).toFixed(1);
    log(`\nlarge/seeded ratio: p50 ${ratio(0.5)}x, p95 ${ratio(0.95)}x, p99 ${ratio(0.99)}x`);
    if (values.json) {
      const figures = (samples: number[]) => ({
        p50: quantile(samples, 0.5),
        p95: quantile(samples, 0.95),
        p99: quantile(samples, 0.99),
      });
      const kinds = [...largeFigures.perKind].map(([name, samples]) => ({
        name,
        ...figures(samples),
      }));
      const document = {
        messages: MESSAGES,
        runs: RUNS,
        load: largeFigures.load,
        kinds,
        all: figures(largeFigures.all),
      };
      await writeFile(values.json, `${JSON.stringify(document, null, 2)}\n`);
    }
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
