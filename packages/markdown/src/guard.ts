import type { Processor } from "unified";

// micromark resolves emphasis and strikethrough delimiters in time that grows with the square
// of their number in a paragraph, and nests block quotes as deep as asked: 20 000 characters
// of "*a" or ">" take seconds. No real message comes near these bounds.
const DELIMITER_RUNS = /[*_~]+/g;
const MAX_DELIMITER_RUNS = 1_000;
const DEEP_QUOTE = /^(?:[ \t]*>){33}/m;

export function isPathological(input: string): boolean {
  let runs = 0;
  for (const _ of input.matchAll(DELIMITER_RUNS)) if (++runs > MAX_DELIMITER_RUNS) return true;
  return DEEP_QUOTE.test(input);
}

/** Parses emphasis, strikethrough and block quote markers as plain text. */
export function remarkWithoutCostlyConstructs(this: Processor) {
  const data = this.data();
  const extensions = data.micromarkExtensions ?? (data.micromarkExtensions = []);
  extensions.push({ disable: { null: ["attention", "strikethrough", "blockQuote"] } });
}
