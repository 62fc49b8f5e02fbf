import { raiseRateLimits, startStandaloneServer, type StandaloneServer } from "@parley/api/testing";
import { createTestDatabase, type TestDatabase } from "@parley/db/testing";
import { EventSource } from "eventsource";
import { afterAll, beforeAll } from "vitest";
import { createParleyClient, type ParleyClientOptions, signIn } from "../../src/index";

export const PASSWORD = "correct-horse-battery-staple";

export interface LiveApi {
  /** The standalone API server's tRPC endpoint. */
  url: string;
  testDb: TestDatabase;
  /** Registers an account over HTTP and signs it in; returns its client and session. */
  member(name: string, options?: Partial<ParleyClientOptions>): ReturnType<typeof signIn>;
}

/** A throwaway database and the API in a process of its own, for one test file. */
export function useLiveApi(): LiveApi {
  const api = {} as LiveApi;
  let server: StandaloneServer | undefined;
  beforeAll(async () => {
    const testDb = await createTestDatabase();
    // These tests sign up and post in bursts; the limiter stays on, with an admin's override.
    await raiseRateLimits(testDb.db);
    server = await startStandaloneServer(testDb.url);
    const url = server.url;
    Object.assign(api, {
      url,
      testDb,
      async member(name: string, options: Partial<ParleyClientOptions> = {}) {
        const email = `${name.toLowerCase()}@example.test`;
        const anonymous = createParleyClient({ url, EventSource });
        await anonymous.auth.register.mutate({ email, password: PASSWORD, displayName: name });
        return signIn({ url, EventSource, ...options, email, password: PASSWORD });
      },
    } satisfies LiveApi);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await api.testDb.drop();
  });
  return api;
}
