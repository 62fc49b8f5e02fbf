/**
 * The bare fan-out server the benchmark measures Parley's live path against: node:http, one
 * LISTEN connection, on each wake-up one read of the outbox from its cursor (the same commit-
 * safe rule as Parley's bus: tx below the snapshot's xmin, in (tx, id) order), and every row
 * written to every open stream. No framework, no authorization, no per-viewer filter.
 * `tsx bare-sse-server.ts` with DATABASE_URL; prints "listening <port>".
 */
import http from "node:http";
import pg from "pg";

const url = process.env.DATABASE_URL ?? "";
const clients = new Set<http.ServerResponse>();
const pool = new pg.Pool({ connectionString: url, max: 2 });
const { rows: start } = await pool.query<{ xmin: string }>(
  "SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin",
);
let cursor = { tx: start[0]?.xmin ?? "0", id: "0" };
let reading = false;
let again = false;

async function read(): Promise<void> {
  if (reading) {
    again = true;
    return;
  }
  reading = true;
  try {
    do {
      again = false;
      const { rows } = await pool.query<{ id: string; tx: string; payload: string }>(
        `SELECT id::text, tx::text, payload::text FROM events
         WHERE (tx, id) > ($1::xid8, $2::bigint) AND tx < pg_snapshot_xmin(pg_current_snapshot())
         ORDER BY tx, id LIMIT 500`,
        [cursor.tx, cursor.id],
      );
      for (const row of rows) {
        const frame = `id: ${row.tx}-${row.id}\ndata: ${row.payload}\n\n`;
        for (const client of clients) client.write(frame);
      }
      const last = rows.at(-1);
      if (last) cursor = { tx: last.tx, id: last.id };
      if (rows.length === 500) again = true;
    } while (again);
  } finally {
    reading = false;
  }
}

const listener = new pg.Client({ connectionString: url });
await listener.connect();
listener.on("notification", () => void read());
await listener.query("LISTEN parley_events");
setInterval(() => void read(), 1000).unref();

const server = http.createServer((req, res) => {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  res.write(": open\n\n");
  clients.add(res);
  req.on("close", () => clients.delete(res));
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(`listening ${address.port}`);
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close();
  void Promise.all([listener.end(), pool.end()]).then(() => process.exit(0));
});
