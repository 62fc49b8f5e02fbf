// The API alone (router, context, event bus) behind tRPC's standalone HTTP adapter, for tests
// that need a real server in a process of its own: `tsx standalone-server.ts` with
// DATABASE_URL set prints "listening <port>" and serves tRPC at http://127.0.0.1:<port>/.
import { createHTTPServer } from "@trpc/server/adapters/standalone";
import { createTRPCContext } from "../context";
import { readServerEnv } from "../env";
import { appRouter } from "../root";
import { createRuntime } from "../runtime";

const runtime = await createRuntime(readServerEnv());
const server = createHTTPServer({
  router: appRouter,
  createContext: ({ req, info }) => {
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(key, value);
    }
    return createTRPCContext({ runtime, headers, sessionUserId: null, connectionParams: info.connectionParams });
  },
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1");
server.on("listening", () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(`listening ${address.port}`);
});
process.on("SIGTERM", () => {
  server.close();
  void runtime.close().then(() => process.exit(0));
});
