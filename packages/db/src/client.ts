import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { serializeTransactions } from "./serial-transactions";

export type Database = PrismaClient;

/** A Prisma client over node-postgres; engine-less (Prisma 7 query compiler). */
export function createDatabase(url: string, options: { max?: number } = {}): Database {
  const adapter = new PrismaPg({ connectionString: url, max: options.max ?? 10 });
  return new PrismaClient({ adapter: serializeTransactions(adapter) });
}
