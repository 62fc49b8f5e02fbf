import { TRPCError } from "@trpc/server";

/** The domain's error codes; mapped to tRPC (and HTTP) codes in one place below. */
export type DomainErrorCode =
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "CONFLICT"
  | "INVALID"
  | "RATE_LIMITED";

export class DomainError extends Error {
  override name = "DomainError";
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** For RATE_LIMITED: when to try again (sent as data.retryAfterSeconds and Retry-After). */
    readonly details: { retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }
}

const toTrpcCode = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHENTICATED: "UNAUTHORIZED",
  CONFLICT: "CONFLICT",
  INVALID: "BAD_REQUEST",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
} as const satisfies Record<DomainErrorCode, TRPCError["code"]>;

export function toTRPCError(error: DomainError): TRPCError {
  return new TRPCError({ code: toTrpcCode[error.code], message: error.message, cause: error });
}

/** The seconds to wait carried by a rate-limit refusal, if this error is one. */
export function retryAfterSecondsOf(error: TRPCError): number | null {
  return error.cause instanceof DomainError ? (error.cause.details.retryAfterSeconds ?? null) : null;
}

export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} not found`);
export const forbidden = (message: string) => new DomainError("FORBIDDEN", message);

/**
 * Subscriptions run as generators after the middleware has returned, so their domain errors
 * are converted here; otherwise clients see a 500 and keep reconnecting to a refusal.
 */
export async function* withTypedErrors<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* source;
  } catch (error) {
    if (error instanceof DomainError) throw toTRPCError(error);
    throw error;
  }
}
