// The outage test's web process: the production runtime (Prisma pool with DATABASE_LIMITS,
// LISTEN connection, event bus) behind /api/v1 (REST), /api/trpc and /api/ready, as the Next
// routes serve them, in a process of its own. `tsx outage-web.entry.ts` with DATABASE_URL set
// prints "listening <base url>".
import { checkReadiness, notReady } from "../src/readiness";
import { readServerEnv } from "../src/env";
import { createRuntime } from "../src/runtime";
import { startDualServer } from "./rest/dual-server";

const runtime = await createRuntime(readServerEnv());
const server = await startDualServer(runtime, {
  // As apps/web/src/app/api/ready/route.ts answers.
  "/api/ready": async () => {
    const report = await checkReadiness(runtime).catch(notReady);
    return Response.json(report, { status: report.ok ? 200 : 503 });
  },
});
console.log(`listening ${server.base}`);
process.on("SIGTERM", () => {
  void runtime
    .close()
    .then(() => server.close())
    .then(() => process.exit(0));
});
