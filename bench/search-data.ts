/**
 * The large search set of bench/search.ts, generated in SQL (generate_series): sentences of the
 * demo corpus plus two words per message from a long tail of pseudo-words drawn log-uniformly
 * (Zipf-like), 3% held or rejected, 1% deleted, 60% of discussions labelled. Messages are
 * written in time order, as a forum writes them (ids are UUIDv7 of their creation time).
 */
import { performance } from "node:perf_hooks";
import { type Database } from "../packages/db/src/index";
import {
  discussions as demoDiscussions,
  genericReplies,
  labels as demoLabels,
} from "../packages/db/src/seed/content";

const BATCH = 100_000;

export async function timed<T>(
  label: string,
  work: () => Promise<T>,
  log: (line: string) => void = console.info,
): Promise<T> {
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

export interface LargeSetSize {
  messages: number;
  discussions: number;
  users: number;
}

export async function generateLargeSet(
  db: Database,
  size: LargeSetSize,
  log: (line: string) => void = console.info,
): Promise<void> {
  const { messages: MESSAGES, discussions: DISCUSSIONS, users: USERS } = size;
  const step = <T>(label: string, work: () => Promise<T>) => timed(label, work, log);
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
  await step(
    `${USERS} users, ${demoLabels.length} labels, ${DISCUSSIONS} discussions`,
    async () => {
      await db.$executeRaw`
      INSERT INTO users (id, email, handle, display_name)
      SELECT uuidv7(), 'bench' || g || '@example.test', 'bench-' || g, 'Bench ' || g FROM generate_series(1, ${USERS}) g`;
      await db.$executeRaw`
      INSERT INTO labels (id, name, color, description)
      SELECT uuidv7(), name, '#64748b', '' FROM unnest(${demoLabels.map((l) => l.name)}::text[]) AS name`;
      await db.$executeRaw`
      WITH u AS (SELECT array_agg(id) AS ids FROM users)
      INSERT INTO discussions (id, title, created_by, created_at, last_activity_at, status)
      SELECT uuidv7(at - now()), t.titles[1 + floor(random() * cardinality(t.titles))::int] || ' ' || bench_tail(),
             u.ids[1 + floor(random() * cardinality(u.ids))::int], at, at,
             (CASE WHEN random() < 0.3 THEN 'closed' ELSE 'open' END)::"DiscussionStatus"
      FROM generate_series(1, ${DISCUSSIONS}) g, u, (SELECT ${titles}::text[] AS titles) t,
           -- Two years of history, oldest first, as a forum writes it.
           LATERAL (SELECT now() - interval '730 days' * (1 - g::float8 / ${DISCUSSIONS}) - random() * interval '1 hour' AS at) a`;
      // One or two labels on most discussions.
      await db.$executeRaw`
      INSERT INTO discussion_labels (discussion_id, label_id)
      SELECT DISTINCT d.id, (l.ids)[1 + floor(random() * cardinality(l.ids))::int]
      FROM discussions d, (SELECT array_agg(id ORDER BY name) AS ids FROM labels) l, generate_series(1, 2) k
      WHERE random() < 0.6
      ON CONFLICT DO NOTHING`;
    },
  );
  // Bulk loads build a GIN index faster in one go than row by row.
  await db.$executeRawUnsafe(`DROP INDEX messages_search_vector_idx`);
  for (let start = 1; start <= MESSAGES; start += BATCH) {
    const end = Math.min(MESSAGES, start + BATCH - 1);
    await step(
      `messages ${start}..${end}`,
      () => db.$executeRaw`
      WITH d AS (SELECT array_agg(id ORDER BY created_at) AS ids FROM discussions),
           u AS (SELECT array_agg(id) AS ids FROM users),
           s AS (SELECT ${sentences}::text[] AS sentences)
      INSERT INTO messages (id, discussion_id, author_id, body, created_at, status, deleted_at)
      -- A message goes to a discussion started before it (ids are in creation order).
      SELECT uuidv7(at - now()), d.ids[1 + floor(random() * greatest(1, g::float8 / ${MESSAGES} * cardinality(d.ids)))::int],
             u.ids[1 + floor(random() * cardinality(u.ids))::int],
             (SELECT string_agg(s.sentences[1 + floor(random() * cardinality(s.sentences))::int + 0 * k], ' ')
                FROM generate_series(1, 1 + g % 4) k) || ' ' || bench_tail() || ' ' || bench_tail(),
             at,
             (CASE WHEN r < 0.02 THEN 'held' WHEN r < 0.03 THEN 'rejected' ELSE 'published' END)::"MessageStatus",
             CASE WHEN r > 0.99 THEN at + interval '1 hour' END
      FROM generate_series(${start}::int, ${end}::int) g, d, u, s,
           LATERAL (SELECT random() + 0 * g AS r, now() - interval '730 days' * (1 - g::float8 / ${MESSAGES}) AS at) x`,
    );
  }
  await step("GIN index on messages", async () => {
    await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL maintenance_work_mem = '512MB'`);
        await tx.$executeRawUnsafe(
          `CREATE INDEX messages_search_vector_idx ON messages USING GIN (search_vector)`,
        );
      },
      { timeout: 30 * 60_000 },
    );
  });
  await db.$executeRaw`
    UPDATE discussions d SET message_count = c.n, last_activity_at = greatest(d.last_activity_at, c.latest)
    FROM (SELECT discussion_id, count(*)::int AS n, max(created_at) AS latest FROM messages GROUP BY discussion_id) c
    WHERE c.discussion_id = d.id`;
}
