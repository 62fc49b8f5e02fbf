import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../src/testing";

describe("createTestDatabase", () => {
  const created: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(created.map((t) => t.drop()));
  });

  it("gives each caller its own migrated database", async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    created.push(a, b);
    expect(a.name).not.toBe(b.name);
    await a.db.label.create({ data: { name: "only-in-a" } });
    expect(await a.db.label.count()).toBe(1);
    expect(await b.db.label.count()).toBe(0);
    const applied = await b.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
    expect(Number(applied[0]?.n)).toBeGreaterThan(0);
  });

  it("drop() removes the database", async () => {
    const t = await createTestDatabase();
    await t.db.user.count();
    await t.drop();
    await expect(createDatabaseProbe(t.url)).rejects.toThrow(/does not exist/);
  });
});

async function createDatabaseProbe(url: string): Promise<void> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } finally {
    await client.end().catch(() => undefined);
  }
}
