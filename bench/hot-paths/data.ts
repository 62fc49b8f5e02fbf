/** The benchmark's data, generated in SQL in its own throwaway database. */
import type pg from "pg";

export interface Threads {
  small: string;
  big: string;
  live: string;
  authors: number;
}

const AUTHORS = 200;

/**
 * Authors, a short thread, a long thread and the thread posts go to, plus an outbox as large as
 * a busy month's. Triggers are off while loading (the search vector is not what is measured here).
 */
export async function generate(
  client: pg.Client,
  sizes: { small: number; big: number; events: number; discussions: number },
): Promise<Threads> {
  await client.query("SET session_replication_role = replica");
  await client.query(
    `INSERT INTO users (id, email, handle, display_name, role, status, created_at, updated_at)
     SELECT gen_random_uuid(), 'author' || i || '@bench.test', 'author' || i, 'Author ' || i, 'member', 'active',
            now() - interval '400 days', now()
     FROM generate_series(1, $1::int) AS i`,
    [AUTHORS],
  );
  const thread = async (title: string, messages: number): Promise<string> => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO discussions (id, title, status, locked, created_by, message_count, last_activity_at, created_at, updated_at)
       SELECT gen_random_uuid(), $1, 'open', false, (SELECT id FROM users ORDER BY id LIMIT 1), $2::int, now(),
              now() - interval '300 days', now()
       RETURNING id`,
      [title, messages],
    );
    const id = rows[0]?.id ?? "";
    await client.query(
      `INSERT INTO messages (id, discussion_id, author_id, body, status, created_at)
       SELECT gen_random_uuid(), $1::uuid, (authors.ids)[1 + i % array_length(authors.ids, 1)],
              'Message ' || i || ' of the thread: a reply of ordinary length that says something about the topic.',
              'published', timestamp '2026-01-01' + i * interval '1 second'
       FROM generate_series(1, $2::int) AS i, (SELECT array_agg(id) AS ids FROM users) AS authors`,
      [id, messages],
    );
    return id;
  };
  // Other discussions, so that the tables are as large as a community's and PostgreSQL plans
  // its lookups as it would there (by index, not by scanning a table of three rows).
  await client.query(
    `INSERT INTO discussions (id, title, status, locked, created_by, message_count, last_activity_at, created_at, updated_at)
     SELECT gen_random_uuid(), 'Older discussion ' || i, 'open', false, (authors.ids)[1 + i % array_length(authors.ids, 1)], 0,
            now() - i * interval '1 minute', now() - i * interval '1 minute', now() - i * interval '1 minute'
     FROM generate_series(1, $1::int) AS i, (SELECT array_agg(id) AS ids FROM users) AS authors`,
    [sizes.discussions],
  );
  const small = await thread("A short thread", sizes.small);
  const big = await thread("A very long thread", sizes.big);
  const live = await thread("Where the benchmark posts", 1);
  await client.query(
    `INSERT INTO events (topic, discussion_id, payload, created_at)
     SELECT 'message.created', $1::uuid, jsonb_build_object('type', 'filler', 'n', i), now()
     FROM generate_series(1, $2::int) AS i`,
    [small, sizes.events],
  );
  await client.query("SET session_replication_role = DEFAULT");
  await client.query("VACUUM ANALYZE");
  return { small, big, live, authors: AUTHORS };
}
