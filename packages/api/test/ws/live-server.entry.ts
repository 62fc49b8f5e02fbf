// A second web instance for multi-instance WebSocket tests: REST and /ws in a process of its own
// (own pool, LISTEN connection and event bus). `tsx live-server.entry.ts` with DATABASE_URL set
// prints "listening <origin>"; on SIGTERM it closes every WebSocket with 1001, then exits.
import { readServerEnv } from "../../src/env";
import { createRuntime } from "../../src/runtime";
import { startLiveServer } from "./server";

const runtime = await createRuntime(readServerEnv());
const server = await startLiveServer({ runtime: () => Promise.resolve(runtime) });
console.log(`listening ${server.origin}`);
process.on("SIGTERM", () => {
  void server
    .close()
    .then(() => runtime.close())
    .then(() => process.exit(0));
});
