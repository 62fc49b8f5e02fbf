/**
 * `pnpm bench [--quick]`: Parley's hot paths beside the limits of the same machine with no
 * application code in the way, measured in one run on a throwaway embedded PostgreSQL, printed
 * as one table (figure, limit, ratio, load) and written as JSON. The quick mode (smaller sizes)
 * also runs in CI, which asserts only its correctness checks (nothing missed or duplicated,
 * every request answered), never a timing. How to read it: docs/performance.md.
 */
import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import { createDatabase, migrateAll } from "@parley/db";
import { ensureDatabaseExists, startEmbeddedPostgres } from "@parley/db/harness";
import { findFreePort } from "@parley/db/testing";
import { raiseRateLimits } from "@parley/api/testing";
import { generate, type Threads } from "./data";
import {
  closedLoop,
  load,
  type LoadResult,
  parentOf,
  processTree,
  quantile,
  withCpu,
} from "./measure";
import { type Child, repoRoot, startBareSse, startWeb } from "./processes";
import { subscribe, type Subscriber } from "./sse";

// pnpm 12 hands a literal "--" to the script (`pnpm bench -- --quick`): accept both spellings.
const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    quick: { type: "boolean", default: false },
    out: { type: "string" },
    /** A comma-separated subset of posts,pages,fanout (for profiling one path). */
    phases: { type: "string", default: "posts,pages,fanout,search" },
    posts: { type: "string" },
    pages: { type: "string" },
    /** Print each statement a post runs, with calls and time per post. */
    statements: { type: "boolean", default: false },
  },
});
const quick = args.quick;
const sizes = quick
  ? {
      small: 1_000,
      big: 50_000,
      discussions: 2_000,
      events: 20_000,
      posts: 300,
      pages: 500,
      subscribers: 200,
      probes: 30,
      searchMessages: 50_000,
      searchRuns: 10,
    }
  : {
      small: 1_000,
      big: 1_000_000,
      discussions: 20_000,
      events: 300_000,
      posts: 2_000,
      pages: 5_000,
      subscribers: 1_000,
      probes: 100,
      searchMessages: 1_000_000,
      searchRuns: 30,
    };
if (args.posts) sizes.posts = Number(args.posts);
if (args.pages) sizes.pages = Number(args.pages);
const POST_CONCURRENCY = 8;
const PAGE_CONCURRENCY = 50;
const PAGE_SIZE = 50;

interface Row {
  figure: string;
  value: number;
  unit: string;
  limit?: number;
  /** How the ratio reads: "higher" when value/limit should be high, "lower" when it should be low. */
  better?: "higher" | "lower";
  load: number;
  detail?: string;
}
const rows: Row[] = [];
/** What PostgreSQL ran per post, by statement (pg_stat_statements), for docs/performance.md. */
const statementsPerPost: Record<string, { calls: number; ms: number; query: string }[]> = {};
const checks: { name: string; ok: boolean; detail: string }[] = [];
const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
const log = (line: string) => console.log(`[bench] ${line}`);

async function main() {
  const started = performance.now();
  const temp = await mkdtemp(path.join(os.tmpdir(), "parley-bench-"));
  await chmod(temp, 0o755); // the embedded server runs as another user when we are root
  const children: Child[] = [];
  let stopPostgres: () => Promise<void> = () => Promise.resolve();
  try {
    log(`${quick ? "quick" : "full"} run; load ${load()}`);
    const server = await startEmbeddedPostgres({
      dir: path.join(temp, "pg"),
      port: await findFreePort(),
      persistent: false,
      settings: { shared_preload_libraries: "pg_stat_statements", max_connections: "400" },
    });
    stopPostgres = () => server.stop();
    const url = await ensureDatabaseExists(server.adminUrl, "parley_bench");
    await migrateAll(url);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    const db = createDatabase(url, { max: 2 });
    // The rate limits are lifted in this throwaway database only, the way an admin would.
    await raiseRateLimits(db);
    await db.$disconnect();
    const t0 = performance.now();
    const threads = await generate(admin, sizes);
    log(
      `data: ${sizes.small} + ${sizes.big} messages, ${sizes.events} outbox events in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const postmaster = parentOf(
      Number((await admin.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid),
    );
    const postgresPids = () => processTree(postmaster);

    const env = {
      DATABASE_URL: url,
      APP_SECRET_KEY: randomBytes(32).toString("base64url"),
      STORAGE_DRIVER: "local",
      STORAGE_LOCAL_DIR: path.join(temp, "uploads"),
      PARLEY_LIVE_MAX_CONNECTIONS: "10000",
    };
    await mkdir(env.STORAGE_LOCAL_DIR, { recursive: true });
    const webs = [
      await startWeb(await findFreePort(), env),
      await startWeb(await findFreePort(), env),
    ];
    children.push(...webs);
    const webPids = () => webs.flatMap((w) => w.pids());
    log(`2 web instances up: ${webs.map((w) => w.url).join(", ")}`);
    const tokens = await accounts(webs[0]?.url ?? "", POST_CONCURRENCY);

    const phases = new Set(args.phases.split(","));
    if (phases.has("posts"))
      await posts({ url, admin, threads, webs, tokens, postgresPids, webPids });
    if (phases.has("pages")) await pages({ url, threads, webs, postgresPids, webPids });
    if (phases.has("fanout")) await fanOut({ url, threads, webs, tokens, children });

    await admin.end();
    // Search measures on a data set of its own (bench/search.ts): the web servers are not needed.
    await Promise.all(children.map((c) => c.stop()));
    if (phases.has("search")) await searchPhase(temp);
    const elapsed = (performance.now() - started) / 1000;
    report(elapsed);
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await stopPostgres().catch(() => undefined);
    await rm(temp, { recursive: true, force: true });
  }
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok)
    throw new Error(
      `${response.url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
    );
  return (await response.json()) as T;
}

/** Accounts registered and signed in through the REST API, one bearer token per poster. */
async function accounts(base: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const credentials = { email: `poster${i}@bench.test`, password: "a long bench password 42" };
    await json(
      await fetch(`${base}/api/v1/auth/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...credentials, displayName: `Poster ${i}` }),
      }),
    );
    const { token } = await json<{ token: string }>(
      await fetch(`${base}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(credentials),
      }),
    );
    tokens.push(token);
  }
  return tokens;
}

interface PostContext {
  url: string;
  admin: pg.Client;
  threads: Threads;
  webs: Child[];
  tokens: string[];
  postgresPids: () => number[];
  webPids: () => number[];
}

/** One post the bare way: what a post must do at least, in one transaction. */
async function barePost(pool: pg.Pool, threads: Threads, body: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO messages (id, discussion_id, author_id, body, created_at)
       VALUES (gen_random_uuid(), $1, (SELECT created_by FROM discussions WHERE id = $1), $2, now())`,
      [threads.live, body],
    );
    await client.query(
      `INSERT INTO events (topic, discussion_id, payload) VALUES ('message.created', $1, jsonb_build_object('type', 'message.created', 'body', $2::text))`,
      [threads.live, body],
    );
    await client.query("SELECT pg_notify('parley_events', '')");
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

interface StatementStats {
  statements: number;
  byQuery: Map<string, { calls: number; ms: number; query: string }>;
  eventTuples: number;
  seqScans: Map<string, number>;
}

async function statementsAndEventReads(admin: pg.Client): Promise<StatementStats> {
  const { rows: statements } = await admin.query<{
    queryid: string;
    calls: string;
    ms: number;
    query: string;
  }>(
    `SELECT queryid::text, calls::text, total_exec_time + total_plan_time AS ms, query FROM pg_stat_statements
     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
  );
  // Statistics are sent at transaction end: make sure this backend sees what others reported.
  await admin.query("SELECT pg_stat_clear_snapshot()");
  const { rows: tables } = await admin.query<{ relname: string; seq_scan: string; read: string }>(
    "SELECT relname, seq_scan::text, (coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0))::text AS read FROM pg_stat_user_tables",
  );
  const events = tables.find((t) => t.relname === "events");
  return {
    statements: statements.reduce((sum, row) => sum + Number(row.calls), 0),
    byQuery: new Map(
      statements.map((row) => [
        row.queryid,
        { calls: Number(row.calls), ms: row.ms, query: row.query },
      ]),
    ),
    eventTuples: Number(events?.read ?? 0),
    seqScans: new Map(tables.map((t) => [t.relname, Number(t.seq_scan)])),
  };
}

async function posts(ctx: PostContext) {
  const pool = new pg.Pool({ connectionString: ctx.url, max: POST_CONCURRENCY });
  await closedLoop({
    concurrency: POST_CONCURRENCY,
    amount: 50,
    op: (i) => barePost(pool, ctx.threads, `warm-up ${i}`),
  });
  const bare = await withCpu(ctx.postgresPids, () =>
    closedLoop({
      concurrency: POST_CONCURRENCY,
      amount: sizes.posts,
      op: (i) => barePost(pool, ctx.threads, `bare post ${i}`),
    }),
  );
  await pool.end();
  log(`bare post: ${bare.result.perSecond.toFixed(0)}/s`);
  rows.push({
    figure: "bare post tx (insert + outbox + NOTIFY), c=8",
    value: bare.result.perSecond,
    unit: "req/s",
    load: load(),
    detail: latency(bare.result),
  });

  const via = {
    trpc: (base: string, token: string, body: string) =>
      fetch(`${base}/api/trpc/message.create`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ discussionId: ctx.threads.live, body }),
      }),
    rest: (base: string, token: string, body: string) =>
      fetch(`${base}/api/v1/discussions/${ctx.threads.live}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ body }),
      }),
  };
  for (const [name, send] of Object.entries(via)) {
    const op = async (i: number) => {
      const web = ctx.webs[i % ctx.webs.length];
      const token = ctx.tokens[i % ctx.tokens.length];
      if (!web || !token) throw new Error("no web instance or token");
      const response = await send(
        web.url,
        token,
        `${name} post ${i}: nothing much to say, but said with care.`,
      );
      if (response.status !== 200)
        throw new Error(`${response.status} ${(await response.text()).slice(0, 200)}`);
      await response.arrayBuffer();
    };
    await closedLoop({ concurrency: POST_CONCURRENCY, amount: 50, op });
    const before = await statementsAndEventReads(ctx.admin);
    const pgRun = await withCpu(ctx.postgresPids, () =>
      withCpu(ctx.webPids, () =>
        closedLoop({ concurrency: POST_CONCURRENCY, amount: sizes.posts, op }),
      ),
    );
    const after = await statementsAndEventReads(ctx.admin);
    const result = pgRun.result.result;
    const done = Math.max(1, result.ops);
    const webCpu = pgRun.result.cpuMs / done;
    const pgCpu = pgRun.cpuMs / done;
    const statements = (after.statements - before.statements - 2) / done;
    const eventReads = (after.eventTuples - before.eventTuples) / done;
    const perStatement = [...after.byQuery]
      .map(([id, now]) => ({
        ...now,
        calls: (now.calls - (before.byQuery.get(id)?.calls ?? 0)) / done,
        ms: (now.ms - (before.byQuery.get(id)?.ms ?? 0)) / done,
      }))
      .filter((row) => row.calls > 0.05)
      .sort((a, b) => b.calls - a.calls);
    statementsPerPost[name] = perStatement.map((row) => ({
      calls: row.calls,
      ms: row.ms,
      query: row.query.replace(/\s+/g, " ").slice(0, 300),
    }));
    if (args.statements)
      for (const row of perStatement)
        console.log(
          `  ${row.calls.toFixed(2)} × ${row.ms.toFixed(3)} ms  ${row.query.replace(/\s+/g, " ").slice(0, 160)}`,
        );
    const scanned = [...after.seqScans]
      .filter(([table, n]) => n > (before.seqScans.get(table) ?? 0))
      .map(([table, n]) => `${table} +${n - (before.seqScans.get(table) ?? 0)}`);
    log(
      `${name} post: ${result.perSecond.toFixed(0)}/s, ${result.errors} errors, web ${webCpu.toFixed(2)} ms + pg ${pgCpu.toFixed(2)} ms CPU, ${statements.toFixed(1)} statements, seq scans: ${scanned.join(", ") || "none"}`,
    );
    const l = load();
    rows.push({
      figure: `post via ${name === "trpc" ? "tRPC" : "REST"} over HTTP, 2 instances, c=8`,
      value: result.perSecond,
      unit: "req/s",
      limit: bare.result.perSecond,
      better: "higher",
      load: l,
      detail: `${latency(result)}, ${result.errors} errors`,
    });
    rows.push({
      figure: `CPU per ${name === "trpc" ? "tRPC" : "REST"} post, web + PostgreSQL`,
      value: webCpu + pgCpu,
      unit: "ms",
      limit: 10,
      better: "lower",
      load: l,
      detail: `web ${webCpu.toFixed(2)} ms, PostgreSQL ${pgCpu.toFixed(2)} ms (bare tx: PostgreSQL ${(bare.cpuMs / Math.max(1, bare.result.ops)).toFixed(2)} ms)`,
    });
    rows.push({
      figure: `statements per ${name === "trpc" ? "tRPC" : "REST"} post (pg_stat_statements)`,
      value: statements,
      unit: "",
      load: l,
      detail: `events tuples read per post: ${eventReads.toFixed(1)} (outbox: ${sizes.events}+ rows); seq scans: ${scanned.join(", ") || "none"}`,
    });
    check(
      `every ${name} post answered 200`,
      result.errors === 0,
      result.firstError ?? `${result.ops} posts`,
    );
    check(
      `${name} posts read a bounded number of outbox rows`,
      eventReads < 50,
      `${eventReads.toFixed(1)} event tuples per post with ${sizes.events} in the outbox`,
    );
  }
}

const latency = (r: LoadResult) => `p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`;

async function pages(ctx: {
  url: string;
  threads: Threads;
  webs: Child[];
  postgresPids: () => number[];
  webPids: () => number[];
}) {
  const pool = new pg.Pool({ connectionString: ctx.url, max: 20 });
  const bareOp = async () => {
    const { rows: page } = await pool.query(
      `SELECT m.id, m.body, m.created_at, u.handle, u.display_name FROM messages m JOIN users u ON u.id = m.author_id
       WHERE m.discussion_id = $1 ORDER BY m.created_at DESC, m.id DESC LIMIT ${PAGE_SIZE}`,
      [ctx.threads.big],
    );
    if (page.length !== PAGE_SIZE) throw new Error(`bare page had ${page.length} rows`);
  };
  await closedLoop({ concurrency: PAGE_CONCURRENCY, amount: 200, op: bareOp });
  const bare = await withCpu(ctx.postgresPids, () =>
    closedLoop({ concurrency: PAGE_CONCURRENCY, amount: sizes.pages, op: bareOp }),
  );
  await pool.end();
  log(`bare keyset page: ${bare.result.perSecond.toFixed(0)}/s`);
  rows.push({
    figure: `bare keyset page of ${PAGE_SIZE}, c=${PAGE_CONCURRENCY}`,
    value: bare.result.perSecond,
    unit: "req/s",
    load: load(),
    detail: latency(bare.result),
  });

  const newestP99: Record<string, number> = {};
  for (const [threadName, id] of [
    ["1k", ctx.threads.small],
    [size(sizes.big), ctx.threads.big],
  ] as const) {
    for (const end of ["newest", "oldest"] as const) {
      const direction = end === "newest" ? "backward" : "forward";
      const op = async (i: number) => {
        const web = ctx.webs[i % ctx.webs.length];
        const response = await fetch(
          `${web?.url}/api/v1/discussions/${id}/messages?direction=${direction}&limit=${PAGE_SIZE}`,
        );
        if (response.status !== 200) throw new Error(`${response.status}`);
        const page = (await response.json()) as { items: unknown[] };
        if (page.items.length !== PAGE_SIZE) throw new Error(`page had ${page.items.length} items`);
      };
      await closedLoop({ concurrency: PAGE_CONCURRENCY, amount: 200, op });
      const run = await withCpu(ctx.postgresPids, () =>
        withCpu(ctx.webPids, () =>
          closedLoop({ concurrency: PAGE_CONCURRENCY, amount: sizes.pages, op }),
        ),
      );
      const result = run.result.result;
      const done = Math.max(1, result.ops);
      if (end === "newest") newestP99[threadName] = result.p99;
      log(`${end} page, ${threadName} thread: ${result.perSecond.toFixed(0)}/s`);
      rows.push({
        figure: `thread page, ${end}, ${threadName}-message thread, 2 instances, c=${PAGE_CONCURRENCY}`,
        value: result.perSecond,
        unit: "req/s",
        limit: bare.result.perSecond,
        better: "higher",
        load: load(),
        detail: `${latency(result)}, ${result.errors} errors; CPU per page: web ${(run.result.cpuMs / done).toFixed(2)} ms, PostgreSQL ${(run.cpuMs / done).toFixed(2)} ms`,
      });
      check(
        `every ${end} page of the ${threadName} thread answered with ${PAGE_SIZE} messages`,
        result.errors === 0,
        result.firstError ?? `${result.ops} pages`,
      );
    }
  }
  const big = newestP99[size(sizes.big)] ?? Number.NaN;
  const small = newestP99["1k"] ?? Number.NaN;
  rows.push({
    figure: `newest-page p99, ${size(sizes.big)} thread ÷ 1k thread`,
    value: big / small,
    unit: "×",
    limit: 1.5,
    better: "lower",
    load: load(),
    detail: `${big.toFixed(1)} ms vs ${small.toFixed(1)} ms`,
  });
}

const size = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${Math.round(n / 1000)}k`);

/**
 * Live fan-out: subscribers spread over two servers, probes posted one at a time at a steady
 * pace, each subscriber's arrival time of each probe. The same for Parley (REST event streams,
 * posts through the API) and for the bare servers (posts as bare transactions).
 */
async function fanOut(ctx: {
  url: string;
  threads: Threads;
  webs: Child[];
  tokens: string[];
  children: Child[];
}) {
  const bareServers = [await startBareSse(ctx.url), await startBareSse(ctx.url)];
  ctx.children.push(...bareServers);
  const pool = new pg.Pool({ connectionString: ctx.url, max: 2 });
  const runs = {
    bare: {
      streams: bareServers.map((s) => `${s.url}/`),
      post: (k: number) => barePost(pool, ctx.threads, `fanout ${k}`),
    },
    parley: {
      streams: ctx.webs.map((w) => `${w.url}/api/v1/discussions/${ctx.threads.live}/events`),
      post: async (k: number) => {
        const web = ctx.webs[k % ctx.webs.length];
        const response = await fetch(
          `${web?.url}/api/v1/discussions/${ctx.threads.live}/messages`,
          {
            method: "POST",
            headers: {
              "content-type": "application/json",
              authorization: `Bearer ${ctx.tokens[0]}`,
            },
            body: JSON.stringify({ body: `fanout ${k}` }),
          },
        );
        if (response.status !== 200) throw new Error(`${response.status}`);
        await response.arrayBuffer();
      },
    },
  };
  const results: Record<
    string,
    { openMs: number; p50: number; p99: number; missed: number; duplicates: number }
  > = {};
  for (const [name, run] of Object.entries(runs)) {
    const openStart = performance.now();
    const subscribers: Subscriber[] = await Promise.all(
      Array.from({ length: sizes.subscribers }, (_, i) =>
        subscribe(run.streams[i % run.streams.length] ?? ""),
      ),
    );
    const openMs = performance.now() - openStart;
    const sentAt = new Map<number, number>();
    for (let k = 0; k < sizes.probes; k++) {
      sentAt.set(k, performance.now());
      await run.post(k);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const deadline = performance.now() + 15_000;
    const expected = sizes.probes;
    while (performance.now() < deadline && subscribers.some((s) => s.seen.size < expected)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const latencies: number[] = [];
    let missed = 0;
    let duplicates = 0;
    for (const s of subscribers) {
      for (let k = 0; k < expected; k++) {
        const times = s.seen.get(k) ?? 0;
        if (times === 0) missed++;
        duplicates += Math.max(0, times - 1);
        const at = s.arrivedAt.get(k);
        const sent = sentAt.get(k);
        if (at !== undefined && sent !== undefined) latencies.push(at - sent);
      }
      s.close();
    }
    latencies.sort((a, b) => a - b);
    results[name] = {
      openMs,
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      missed,
      duplicates,
    };
    log(
      `${name} fan-out: open ${openMs.toFixed(0)} ms, p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p99 ${quantile(latencies, 0.99).toFixed(1)} ms, missed ${missed}, duplicates ${duplicates}`,
    );
    check(
      `${name} fan-out: nothing missed, nothing twice`,
      missed === 0 && duplicates === 0,
      `${sizes.subscribers} subscribers × ${expected} posts: ${missed} missed, ${duplicates} duplicates`,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await pool.end();
  const bare = results.bare;
  const parley = results.parley;
  if (bare && parley) {
    const l = load();
    rows.push({
      figure: `fan-out post→delivery p99, 2 instances, ${sizes.subscribers} subscribers`,
      value: parley.p99,
      unit: "ms",
      limit: bare.p99,
      better: "lower",
      load: l,
      detail: `p50 ${parley.p50.toFixed(1)} ms (bare ${bare.p50.toFixed(1)} ms); missed ${parley.missed}, duplicates ${parley.duplicates}`,
    });
    rows.push({
      figure: `opening ${sizes.subscribers} SSE streams over 2 instances`,
      value: parley.openMs,
      unit: "ms",
      limit: bare.openMs,
      better: "lower",
      load: l,
    });
  }
}

/** bench/search.ts on its own generated set, every query kind, p95 against the 100 ms target. */
async function searchPhase(temp: string) {
  const out = path.join(temp, "search.json");
  const discussions = Math.max(100, Math.round(sizes.searchMessages / 50));
  const args = [
    "--import",
    "tsx",
    "search.ts",
    "--messages",
    String(sizes.searchMessages),
    "--discussions",
    String(discussions),
    "--runs",
    String(sizes.searchRuns),
    "--json",
    out,
  ];
  log(
    `search: ${sizes.searchMessages} messages, ${sizes.searchRuns} runs per kind (bench/search.ts)`,
  );
  const child = spawn(process.execPath, args, {
    cwd: path.join(repoRoot, "bench"),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) {
    check("search bench ran", false, `bench/search.ts exited with ${code}`);
    return;
  }
  const result = JSON.parse(await readFile(out, "utf8")) as {
    load: [number, number];
    kinds: { name: string; p50: number; p95: number; p99: number }[];
  };
  check(
    "search: every query kind answered",
    result.kinds.length > 0,
    `${result.kinds.length} kinds × ${sizes.searchRuns} runs`,
  );
  const l = Math.round(result.load[1] * 100) / 100;
  for (const kind of result.kinds) {
    rows.push({
      figure: `search p95, ${kind.name}, ${size(sizes.searchMessages)} messages`,
      value: kind.p95,
      unit: "ms",
      limit: 100,
      better: "lower",
      load: l,
      detail: `p50 ${kind.p50.toFixed(1)} ms, p99 ${kind.p99.toFixed(1)} ms (in-process, service call)`,
    });
  }
}

function report(elapsedSeconds: number) {
  const ratio = (row: Row) => (row.limit ? row.value / row.limit : undefined);
  const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));
  console.log("");
  console.log(`| figure | value | limit | ratio | load | detail |`);
  console.log(`|---|---|---|---|---|---|`);
  for (const row of rows) {
    const r = ratio(row);
    console.log(
      `| ${row.figure} | ${fmt(row.value)} ${row.unit} | ${row.limit === undefined ? "" : `${fmt(row.limit)} ${row.unit}`} | ${r === undefined ? "" : r.toFixed(2)} | ${row.load} | ${row.detail ?? ""} |`,
    );
  }
  console.log("");
  for (const c of checks) console.log(`${c.ok ? "ok    " : "FAILED"} ${c.name} (${c.detail})`);
  const out =
    args.out ??
    path.join(repoRoot, "bench", "results", quick ? "hot-paths-quick.json" : "hot-paths.json");
  const document = {
    mode: quick ? "quick" : "full",
    date: new Date().toISOString(),
    machine: { cores: os.availableParallelism(), node: process.version },
    sizes,
    elapsedSeconds,
    rows: rows.map((row) => ({ ...row, ratio: ratio(row) })),
    checks,
    statementsPerPost,
  };
  void mkdir(path.dirname(out), { recursive: true }).then(() =>
    writeFile(out, `${JSON.stringify(document, null, 2)}\n`),
  );
  console.log(
    `\nwritten to ${path.relative(process.cwd(), out)}; ${checks.filter((c) => !c.ok).length} of ${checks.length} checks failed; ${elapsedSeconds.toFixed(0)} s`,
  );
  if (checks.some((c) => !c.ok)) process.exitCode = 1;
}

await main();
