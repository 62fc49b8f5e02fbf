import { TRPCError } from "@trpc/server";
import { databaseUnavailability, RETRY_AFTER_SECONDS } from "@parley/db";

/** The domain's error codes; mapped to tRPC (and HTTP) codes in one place below. */
export type DomainErrorCode =
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "CONFLICT"
  | "INVALID"
  | "RATE_LIMITED"
  | "UNAVAILABLE";

export class DomainError extends Error {
  override name = "DomainError";
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** For RATE_LIMITED and UNAVAILABLE: when to try again (data.retryAfterSeconds and Retry-After). */
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
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
} as const satisfies Record<DomainErrorCode, TRPCError["code"]>;

export function toTRPCError(error: DomainError): TRPCError {
  return new TRPCError({ code: toTrpcCode[error.code], message: error.message, cause: error });
}

/**
 * A dependency that is down or saturated, as a domain error: the database unreachable or its
 * pool exhausted (Prisma P1001/P2024/P2028, pg ECONNREFUSED/57P01/53300, pool acquire
 * timeouts; the classifier is @parley/db's databaseUnavailability). Null for anything else.
 */
export function unavailableError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error.code === "UNAVAILABLE" ? error : null;
  const why = databaseUnavailability(error);
  if (!why) return null;
  const message =
    why === "saturated"
      ? "The server is busy; try again shortly"
      : "The database is unavailable; try again shortly";
  const domain = new DomainError("UNAVAILABLE", message, { retryAfterSeconds: RETRY_AFTER_SECONDS[why] });
  domain.cause = error;
  return domain;
}

/**
 * Any error a procedure or its context raised, as the TRPCError clients get: domain errors by
 * their code, an unavailable database as SERVICE_UNAVAILABLE (503), the rest unchanged.
 * Null when nothing is to change.
 */
export function typedTRPCError(error: unknown): TRPCError | null {
  const unwrapped = error instanceof TRPCError && error.code === "INTERNAL_SERVER_ERROR" ? (error.cause ?? error) : error;
  if (unwrapped instanceof DomainError) return toTRPCError(unwrapped);
  const unavailable = unavailableError(unwrapped);
  return unavailable ? toTRPCError(unavailable) : null;
}

/** The seconds to wait carried by a refusal (rate limit, unavailable dependency), if this error is one. */
export function retryAfterSecondsOf(error: TRPCError): number | null {
  if (error.cause instanceof DomainError) return error.cause.details.retryAfterSeconds ?? null;
  // Raised outside the procedure (context creation): classified here.
  return unavailableError(error.cause)?.details.retryAfterSeconds ?? null;
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
    throw typedTRPCError(error) ?? error;
  }
}
