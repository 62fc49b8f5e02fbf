import { z } from "zod";

// A surrogate without its pair has no UTF-8 form. With the u flag a well-paired surrogate is
// one code point, so \p{Cs} matches only the lone halves.
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether PostgreSQL can store `value` in a text column as it is (no NUL, no lone surrogate). */
export const isStorableText = (value: string): boolean =>
  !value.includes("\u0000") && !LONE_SURROGATE.test(value);

export const UNSTORABLE_TEXT_MESSAGE =
  "Text cannot contain NUL (\\u0000) or unpaired surrogate characters";

/**
 * Every string input of every procedure starts here (text.test.ts walks the router to
 * hold that line), so text that PostgreSQL would refuse with an error (NUL is
 * 22021) is a 400 naming the field rather than a 500 from deep inside a write.
 */
export const text = () =>
  z.string().refine(isStorableText, { error: UNSTORABLE_TEXT_MESSAGE, abort: true });
