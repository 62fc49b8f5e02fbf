import { describe, expect, it } from "vitest";
import { isEmptyMigration, toPrisma6Schema } from "./prisma-diff";

const prisma7 = `// comment
generator client {
  provider     = "prisma-client"
  output       = "../src/generated/prisma"
}

datasource db {
  provider = "postgresql"
}

model A {
  id Int @id
}
`;

describe("toPrisma6Schema", () => {
  it("drops generator blocks and adds the datasource url Prisma 6 needs", () => {
    const converted = toPrisma6Schema(prisma7);
    expect(converted).not.toContain("generator");
    expect(converted).toContain('datasource db {\n  url = env("DATABASE_URL")\n  provider = "postgresql"\n}');
    expect(converted).toContain("model A {\n  id Int @id\n}");
  });

  it("keeps a datasource url that is already there", () => {
    const once = toPrisma6Schema(prisma7);
    expect(toPrisma6Schema(once)).toBe(once);
  });
});

describe("isEmptyMigration", () => {
  it("sees Prisma's empty output as empty and any statement as not", () => {
    expect(isEmptyMigration("-- This is an empty migration.\n")).toBe(true);
    expect(isEmptyMigration('-- AlterTable\nALTER TABLE "a" ADD COLUMN "b" INT;\n')).toBe(false);
  });
});
