import type { RouterOutputs } from "@parley/api";

/**
 * The router's types, re-exported as types only: `export type` and `import type` are erased
 * when compiled, so a bundle of this package contains none of the server's code (a test
 * bundles it to check). Note: under verbatimModuleSyntax, `import { type X } from "m"` is NOT
 * erased; it compiles to `import {} from "m"`, which loads "m". Type-only imports here use
 * `import type`.
 */
export type {
  AppRouter,
  LiveDiscussionEvent,
  LiveThreadEvent,
  RouterInputs,
  RouterOutputs,
} from "@parley/api";

/** What a subscription hands to `onData`, from its output type (an async iterable). */
export type SubscriptionEvent<T> = T extends AsyncIterable<infer Event> ? Event : never;

/** Each `live.*` subscription's events: `{ id, data }`, where `id` is the event id to resume from. */
export type LiveEvents = {
  [K in keyof RouterOutputs["live"]]: SubscriptionEvent<RouterOutputs["live"][K]>;
};
