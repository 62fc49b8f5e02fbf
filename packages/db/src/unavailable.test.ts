import { describe, expect, it } from "vitest";
import { Prisma } from "./generated/prisma/client";
import { databaseUnavailability } from "./unavailable";

const known = (code: string, meta?: Record<string, unknown>) =>
  new Prisma.PrismaClientKnownRequestError("failed", {
    code,
    clientVersion: "7",
    ...(meta ? { meta } : {}),
  });

// The shapes seen from Prisma 7 + @prisma/adapter-pg + pg 8 against a stopped or saturated
// embedded PostgreSQL (packages/api/test/unavailable and outage tests meet the real ones).
describe("databaseUnavailability", () => {
  it("recognises an unreachable database in each shape it arrives in", () => {
    expect(databaseUnavailability(known("P1001"))).toBe("unreachable");
    expect(
      databaseUnavailability(
        known("P2010", {
          driverAdapterError: {
            name: "DriverAdapterError",
            cause: { kind: "DatabaseNotReachable", port: 5432 },
          },
        }),
      ),
    ).toBe("unreachable");
    expect(
      databaseUnavailability(
        known("P2010", {
          driverAdapterError: { cause: { kind: "postgres", originalCode: "57P01", code: "57P01" } },
        }),
      ),
    ).toBe("unreachable");
    expect(
      databaseUnavailability(
        Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
      ),
    ).toBe("unreachable");
    expect(databaseUnavailability(new Error("Connection terminated unexpectedly"))).toBe(
      "unreachable",
    );
    expect(
      databaseUnavailability(
        new Error("wrapped", { cause: Object.assign(new Error("x"), { code: "57P03" }) }),
      ),
    ).toBe("unreachable");
  });

  it("recognises a saturated pool or server", () => {
    expect(databaseUnavailability(new Error("timeout exceeded when trying to connect"))).toBe(
      "saturated",
    );
    expect(databaseUnavailability(known("P2028"))).toBe("saturated");
    expect(databaseUnavailability(known("P2024"))).toBe("saturated");
    expect(
      databaseUnavailability(Object.assign(new Error("too many clients"), { code: "53300" })),
    ).toBe("saturated");
  });

  it("leaves every other error alone: those are bugs or the caller's mistakes", () => {
    expect(databaseUnavailability(known("P2002"))).toBeNull();
    expect(
      databaseUnavailability(
        known("P2010", {
          driverAdapterError: { cause: { kind: "postgres", originalCode: "22021" } },
        }),
      ),
    ).toBeNull();
    expect(databaseUnavailability(new Error("Cannot read properties of undefined"))).toBeNull();
    expect(databaseUnavailability("ECONNREFUSED")).toBeNull();
    expect(databaseUnavailability(null)).toBeNull();
    const loop: { cause?: unknown } = {};
    loop.cause = loop;
    expect(databaseUnavailability(loop)).toBeNull();
  });
});
