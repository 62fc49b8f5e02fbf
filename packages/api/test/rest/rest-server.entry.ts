// A second web instance for multi-instance tests: the REST handler in a process of its own
// (own pool, LISTEN connection and event bus). `tsx rest-server.entry.ts` with DATABASE_URL
// set prints "listening <url>". SSE_MAX_DURATION_MS shortens streams to force reconnects.
// The client's IP is taken from the x-test-client-ip header (what a proxy would report).
import { createRuntime } from "../../src/runtime";
import { readServerEnv } from "../../src/env";
import { sessionFromTestCookie, startRestServer } from "./server";

const runtime = await createRuntime(readServerEnv());
const maxDurationMs = Number(process.env.SSE_MAX_DURATION_MS ?? 300_000);
const server = await startRestServer({
  runtime: () => Promise.resolve(runtime),
  sessionUserId: sessionFromTestCookie,
  clientIp: (req) => req.headers.get("x-test-client-ip"),
  sse: { maxDurationMs },
});
console.log(`listening ${server.url}`);
process.on("SIGTERM", () => {
  void runtime
    .close()
    .then(() => server.close())
    .then(() => process.exit(0));
});
