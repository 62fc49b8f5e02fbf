import {
  type OperationContext,
  retryLink,
  type TRPCClientError,
  type TRPCLink,
} from "@trpc/client";
import { observable } from "@trpc/server/observable";
import type { AppRouter } from "./types";

export interface SubscriptionRetryOptions {
  /** Wait before the first retry after a failure; it doubles with each failure in a row. */
  initialDelayMs?: number;
  /** The longest wait between two attempts. */
  maxDelayMs?: number;
  /** Told before each retry (for logs and metrics). */
  onRetry?: (retry: {
    path: string;
    failuresInARow: number;
    delayMs: number;
    error: TRPCClientError<AppRouter>;
  }) => void;
}

export const DEFAULT_INITIAL_DELAY_MS = 500;
export const DEFAULT_MAX_DELAY_MS = 30_000;

/**
 * Capped exponential backoff with "equal jitter": half of the wait is fixed, half random, so
 * clients that lost the same server do not all come back in the same instant.
 */
export function backoffDelay(
  failuresInARow: number,
  { initialDelayMs, maxDelayMs }: { initialDelayMs: number; maxDelayMs: number },
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.max(0, failuresInARow - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

/** Codes that say "try again later"; every other tRPC error is the server's final answer. */
const RETRYABLE_CODES = new Set<string>([
  "TIMEOUT",
  "TOO_MANY_REQUESTS",
  "CLIENT_CLOSED_REQUEST",
  "INTERNAL_SERVER_ERROR",
  "BAD_GATEWAY",
  "SERVICE_UNAVAILABLE",
  "GATEWAY_TIMEOUT",
]);

/** The HTTP status of a failed EventSource connection, when the implementation reports one. */
function httpStatusOf(cause: unknown): number | undefined {
  if (
    typeof cause === "object" &&
    cause !== null &&
    "code" in cause &&
    typeof cause.code === "number"
  )
    return cause.code;
  return undefined;
}

/**
 * Network failures, 5xx answers (a proxy's 502 while the server restarts) and throttling are
 * retried; an error the server sent on purpose (forbidden, not found, bad input) is not.
 */
export function isRetryableSubscriptionError(error: TRPCClientError<AppRouter>): boolean {
  const code = error.data?.code;
  if (code !== undefined) return RETRYABLE_CODES.has(code);
  const status = httpStatusOf(error.cause);
  if (status !== undefined && status >= 400 && status < 500)
    return status === 408 || status === 429;
  return true;
}

interface AttemptLog {
  /** How many times the operation was sent down the chain (retryLink's attempt number). */
  attempts: number;
  /** The attempt that last reached the server (its stream started). */
  lastStarted: number;
}

/**
 * The links that keep a subscription alive, to put before `httpSubscriptionLink`: tRPC's
 * `retryLink` resubscribes after a failure with the last event id it saw (so the server
 * replays what was missed), and a small link after it notes which attempt last connected, so
 * that the backoff starts again from the shortest wait once a connection has worked.
 * (retryLink's own attempt count never resets during a subscription's life.)
 */
export function subscriptionRetryLinks(
  options: SubscriptionRetryOptions = {},
): TRPCLink<AppRouter>[] {
  const delays = {
    initialDelayMs: options.initialDelayMs ?? DEFAULT_INITIAL_DELAY_MS,
    maxDelayMs: options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS,
  };
  // Keyed by the operation's context object, which every retry of one subscription shares.
  const logs = new WeakMap<OperationContext, AttemptLog>();
  // retryLink asks `retry` and then, synchronously, `retryDelayMs`: the first leaves the delay here.
  let nextDelayMs = delays.initialDelayMs;

  const attemptTracker: TRPCLink<AppRouter> =
    () =>
    ({ op, next }) =>
      observable((observer) => {
        const log = logs.get(op.context) ?? { attempts: 0, lastStarted: 0 };
        logs.set(op.context, log);
        const attempt = ++log.attempts;
        const subscription = next(op).subscribe({
          next(envelope) {
            if (envelope.result.type === "started") log.lastStarted = attempt;
            observer.next(envelope);
          },
          error: (error) => observer.error(error),
          complete: () => observer.complete(),
        });
        return () => subscription.unsubscribe();
      });

  const retry = retryLink<AppRouter>({
    retry({ op, attempts, error }) {
      if (op.type !== "subscription" || !isRetryableSubscriptionError(error)) return false;
      const failuresInARow = attempts - (logs.get(op.context)?.lastStarted ?? 0);
      nextDelayMs = backoffDelay(failuresInARow, delays);
      options.onRetry?.({ path: op.path, failuresInARow, delayMs: nextDelayMs, error });
      return true;
    },
    retryDelayMs: () => nextDelayMs,
  });

  return [retry, attemptTracker];
}
