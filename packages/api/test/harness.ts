import { TRPCError } from "@trpc/server";
import { createTestDatabase } from "@parley/db/testing";
import { type Database } from "@parley/db";
import { afterAll, beforeAll, expect } from "vitest";
import { resolveViewer } from "../src/auth/viewer";
import { createInnerContext } from "../src/context";
import { PostgresEventBus } from "../src/events/bus";
import { logger } from "../src/logger";
import { createCaller } from "../src/index";
import { issueSessionToken } from "../src/services/accounts";
import { raiseRateLimits } from "../src/testing/rate-limits";

export interface TestApp {
  db: Database;
  url: string;
  bus: PostgresEventBus;
  /** A caller acting as the given account (through a session), or anonymously. */
  as(userId: string | null): Promise<ReturnType<typeof createCaller>>;
  /** A caller authenticated by a bearer token, as an HTTP client would be. */
  withToken(token: string): Promise<ReturnType<typeof createCaller>>;
  /** Registers an account and returns its id; the first one on a database becomes admin. */
  register(name: string, role?: "member" | "moderator" | "admin"): Promise<{ id: string; email: string; token: string }>;
}

/** A fresh database and event bus for one test file. */
export function useTestApp(): TestApp {
  const app = {} as TestApp;
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    // Suites here are not about limits; rate-limit tests set their own.
    await raiseRateLimits(testDb.db);
    const bus = new PostgresEventBus(testDb.db, testDb.url, logger.child({ test: true }), 200);
    await bus.start();
    const caller = async (bearerToken: string | null, sessionUserId: string | null) => {
      const viewer = await resolveViewer(testDb.db, { bearerToken, sessionUserId });
      return createCaller(createInnerContext({ db: testDb.db, events: bus, viewer }));
    };
    Object.assign(app, {
      db: testDb.db,
      url: testDb.url,
      bus,
      as: (userId: string | null) => caller(null, userId),
      withToken: (token: string) => caller(token, null),
      async register(name: string, role?: "member" | "moderator" | "admin") {
        const email = `${name.toLowerCase()}@example.test`;
        const anonymous = await caller(null, null);
        await anonymous.auth.register({ email, password: "correct-horse-battery-staple", displayName: name });
        const user = await testDb.db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
        if (role) await testDb.db.user.update({ where: { id: user.id }, data: { role } });
        const { token } = await issueSessionToken(testDb.db, user.id);
        return { id: user.id, email, token };
      },
    } satisfies TestApp);
  });
  afterAll(async () => {
    await app.bus.close();
    await testDb.drop();
  });
  return app;
}

/** Asserts that a call fails with the given tRPC error code. */
export async function expectTRPCError(call: Promise<unknown>, code: TRPCError["code"]): Promise<TRPCError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
  return error as TRPCError;
}
