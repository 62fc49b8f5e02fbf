"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { httpBatchLink, httpSubscriptionLink, retryLink, splitLink } from "@trpc/client";
import { createTRPCReact } from "@trpc/react-query";
import { type ReactNode, useState } from "react";
import type { AppRouter } from "@parley/api";
import { isClientError } from "./errors";

export const api = createTRPCReact<AppRouter>();

const TRPC_PATH = "/api/trpc";

/** Exponential backoff with jitter, capped at 30 s. */
const reconnectDelayMs = (attempt: number) => Math.min(30_000, 500 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random() / 2);

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // Errors such as NOT_FOUND or FORBIDDEN will not change by asking again.
        retry: (failures, error) => !isClientError(error) && failures < 2,
      },
    },
  });
}

export function TRPCProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    api.createClient({
      links: [
        splitLink({
          condition: (op) => op.type === "subscription",
          // A failed reconnect (a proxy's 502, a restart) would end the subscription for good;
          // retryLink starts it again from the last event id it saw.
          true: [
            retryLink({ retry: ({ error }) => !isClientError(error), retryDelayMs: reconnectDelayMs }),
            httpSubscriptionLink({ url: TRPC_PATH }),
          ],
          false: httpBatchLink({ url: TRPC_PATH }),
        }),
      ],
    }),
  );
  return (
    <api.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </api.Provider>
  );
}
