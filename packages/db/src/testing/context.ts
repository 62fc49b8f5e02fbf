/** What the global setup hands to test workers through vitest's provide/inject. */
export interface TestDatabaseContext {
  /** A URL that may create and drop databases. */
  adminUrl: string;
  /** The migrated database that every test database is copied from. */
  template: string;
  /** Prefix of every database this run creates, so teardown can find leftovers. */
  prefix: string;
}

export const CONTEXT_KEY = "parleyTestDatabase";

declare module "vitest" {
  export interface ProvidedContext {
    parleyTestDatabase: TestDatabaseContext;
  }
}
