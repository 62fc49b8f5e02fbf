import { describe, expect, it } from "vitest";
import { uuid7 } from "./uuid7";

describe("uuid7", () => {
  it("is a version 7, RFC 9562 variant UUID that carries its timestamp", () => {
    const at = Date.UTC(2026, 10, 26, 12, 0, 0);
    const id = uuid7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(at);
  });

  it("sorts by time", () => {
    const ids = [3, 1, 2].map((offset) => uuid7(Date.UTC(2026, 0, 1) + offset));
    expect([...ids].sort()).toEqual([ids[1], ids[2], ids[0]]);
  });
});
