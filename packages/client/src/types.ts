/**
 * The router's types, re-exported as types only: `export type` is erased when compiled, so a
 * bundle of this package contains none of the server's code (a test bundles it to check).
 */
export type { AppRouter, LiveDiscussionEvent, LiveThreadEvent, RouterInputs, RouterOutputs } from "@parley/api";
