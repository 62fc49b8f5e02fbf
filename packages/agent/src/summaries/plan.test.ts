import { describe, expect, it } from "vitest";
import { planBlocks, type StoredBlock } from "./plan";
import { type IndexedMessage } from "./sources";

const message = (n: number, fingerprint = "v1"): IndexedMessage => ({
  id: `0198a0c0-0000-7000-8000-${String(n).padStart(12, "0")}`,
  createdAt: new Date(n * 1000),
  fingerprint,
});
const block = (id: string, messages: IndexedMessage[], model = "m"): StoredBlock => ({
  id,
  lastAt: messages.at(-1)!.createdAt,
  lastId: messages.at(-1)!.id,
  messageIds: messages.map((m) => m.id),
  fingerprints: messages.map((m) => m.fingerprint),
  model,
});
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => message(from + i));
const shape = (plan: ReturnType<typeof planBlocks>) =>
  plan.map((p) =>
    p.kind === "reuse"
      ? `reuse ${p.block.id}`
      : `build ${p.messages.length}${p.extends ? ` extends ${p.extends.id}` : ""}`,
  );

describe("planBlocks", () => {
  it("cuts a new thread into blocks of the size, in order", () => {
    expect(shape(planBlocks(range(1, 7), [], 3, "m"))).toEqual(["build 3", "build 3", "build 1"]);
  });

  it("reuses unchanged blocks and puts new messages in new blocks", () => {
    const stored = [block("a", range(1, 3)), block("b", range(4, 6))];
    expect(shape(planBlocks(range(1, 8), stored, 3, "m"))).toEqual([
      "reuse a",
      "reuse b",
      "build 2",
    ]);
  });

  it("fills a short last block before opening a new one, marking it as extended", () => {
    const stored = [block("a", range(1, 3)), block("b", range(4, 5))];
    expect(shape(planBlocks(range(1, 9), stored, 3, "m"))).toEqual([
      "reuse a",
      "build 3 extends b",
      "build 3",
    ]);
  });

  it("rebuilds only the block whose message changed or went away; later boundaries hold", () => {
    const stored = [block("a", range(1, 3)), block("b", range(4, 6)), block("c", range(7, 9))];
    const edited = range(1, 9).map((m, i) => (i === 4 ? { ...m, fingerprint: "v2" } : m));
    expect(shape(planBlocks(edited, stored, 3, "m"))).toEqual(["reuse a", "build 3", "reuse c"]);
    const deleted = range(1, 9).filter((_, i) => i !== 4);
    expect(shape(planBlocks(deleted, stored, 3, "m"))).toEqual(["reuse a", "build 2", "reuse c"]);
    const blockGone = range(1, 9).filter((_, i) => i < 3 || i > 5);
    expect(shape(planBlocks(blockGone, stored, 3, "m"))).toEqual(["reuse a", "reuse c"]);
  });

  it("rebuilds blocks another model wrote", () => {
    expect(shape(planBlocks(range(1, 3), [block("a", range(1, 3), "other")], 3, "m"))).toEqual([
      "build 3",
    ]);
  });
});
