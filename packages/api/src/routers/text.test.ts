import { type AnyProcedure } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { type $ZodType } from "zod/v4/core";
import { appRouter } from "../root";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "./text";

const BAD = { nul: "a\u0000b", loneHigh: "a\ud800b", loneLow: "a\udc00b" };

/** Every string schema inside `schema`, with where it sits. */
function stringLeaves(schema: $ZodType, at: string, out: { at: string; schema: $ZodType }[] = []) {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const walk = (child: unknown, where: string) => stringLeaves(child as $ZodType, where, out);
  switch (def.type) {
    case "string":
      out.push({ at, schema });
      break;
    case "object":
      for (const [k, v] of Object.entries(def.shape as Record<string, unknown>))
        walk(v, `${at}.${k}`);
      break;
    case "array":
      walk(def.element, `${at}[]`);
      break;
    case "record":
      walk(def.keyType, `${at}{key}`);
      walk(def.valueType, `${at}{}`);
      break;
    case "union":
      (def.options as unknown[]).forEach((o, i) => walk(o, `${at}|${i}`));
      break;
    case "intersection":
      walk(def.left, at);
      walk(def.right, at);
      break;
    case "pipe":
      walk(def.in, at);
      break;
    case "tuple":
      (def.items as unknown[]).forEach((o, i) => walk(o, `${at}[${i}]`));
      break;
    case "lazy":
      walk((def.getter as () => unknown)(), at);
      break;
    default:
      if ("innerType" in def) walk(def.innerType, at);
  }
  return out;
}

describe("text PostgreSQL can store", () => {
  it("refuses NUL and unpaired surrogates, keeps everything else", () => {
    for (const bad of Object.values(BAD)) expect(isStorableText(bad)).toBe(false);
    for (const good of [
      "",
      "plain",
      "emoji 😀 pair",
      "\ud83d\ude00",
      "tab\tand\nnewline",
      "ﬀ ü 中文",
    ])
      expect(isStorableText(good)).toBe(true);
  });

  // One rule for every input: a string added without text() fails here, not in production.
  // Typed as the nested router, but at run time the record of every procedure by its full path.
  const procedures: Record<string, unknown> = appRouter._def.procedures;
  const leaves = Object.entries(procedures).flatMap(([path, p]) =>
    ((p as AnyProcedure)._def.inputs as $ZodType[]).flatMap((input) => stringLeaves(input, path)),
  );

  it("finds the string inputs of the router", () => {
    expect(leaves.map((l) => l.at)).toEqual(
      expect.arrayContaining(["discussion.create.title", "message.create.body", "search.query.q"]),
    );
  });

  for (const leaf of leaves)
    it(`${leaf.at} refuses NUL and unpaired surrogates`, () => {
      for (const bad of Object.values(BAD)) {
        const result = leaf.schema["~standard"].validate(bad);
        if (result instanceof Promise) throw new Error("async schema");
        expect(result.issues?.length, JSON.stringify(bad)).toBeGreaterThan(0);
        // Free text says why; a format (uuid, email, date) refuses it with its own message.
        const def = leaf.schema._zod.def as { format?: string };
        if (!def.format) expect(result.issues?.[0]?.message).toBe(UNSTORABLE_TEXT_MESSAGE);
      }
    });
});
