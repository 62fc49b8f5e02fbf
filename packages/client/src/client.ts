import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { subscriptionRetryLinks, type SubscriptionRetryOptions } from "./subscription-retry";
import type { AppRouter } from "./types";

/** Any EventSource class: the browser's, or one for Node such as the `eventsource` package. */
export type EventSourceConstructor = NonNullable<
  Parameters<typeof httpSubscriptionLink>[0]["EventSource"]
>;

/** A bearer token, or a function that returns the current one (called for every request). */
export type TokenSource =
  string | (() => string | null | undefined | Promise<string | null | undefined>);

export interface ParleyClientOptions {
  /** The tRPC endpoint, e.g. https://parley.example.com/api/trpc */
  url: string;
  /** An API token or the token `auth.signIn` returns; without one the client is anonymous. */
  token?: TokenSource;
  /** A fetch implementation for queries and mutations (defaults to the global one). */
  fetch?: typeof globalThis.fetch;
  /** The EventSource for subscriptions; defaults to globalThis.EventSource (browsers, Deno, Bun). */
  EventSource?: EventSourceConstructor;
  /** How subscriptions come back after a dropped connection or a failed reconnect. */
  retry?: SubscriptionRetryOptions;
}

export type ParleyClient = ReturnType<typeof createParleyClient>;

async function currentToken(token: TokenSource | undefined): Promise<string | null> {
  const value = typeof token === "function" ? await token() : token;
  return value ? value : null;
}

/**
 * A typed client for every procedure and subscription of the Parley API. Queries and
 * mutations are batched over HTTP with `Authorization: Bearer`; subscriptions use Server-Sent
 * Events, carry the token in their connection params (an EventSource cannot set headers) and
 * resume from the last event id after a dropped connection, so no event is lost or repeated.
 */
export function createParleyClient(options: ParleyClientOptions) {
  const EventSource =
    options.EventSource ?? (globalThis as { EventSource?: EventSourceConstructor }).EventSource;
  if (!EventSource) {
    throw new Error(
      "No EventSource in this runtime: pass one, e.g. `EventSource` from the `eventsource` package on Node",
    );
  }
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: [
          ...subscriptionRetryLinks(options.retry),
          httpSubscriptionLink({
            url: options.url,
            EventSource,
            connectionParams: async () => {
              const token = await currentToken(options.token);
              return token ? { token } : {};
            },
          }),
        ],
        false: httpBatchLink({
          url: options.url,
          ...(options.fetch ? { fetch: options.fetch } : {}),
          headers: async (): Promise<Record<string, string>> => {
            const token = await currentToken(options.token);
            return token ? { authorization: `Bearer ${token}` } : {};
          },
        }),
      }),
    ],
  });
}
