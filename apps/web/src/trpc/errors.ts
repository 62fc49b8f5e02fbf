import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@parley/api";

const CLIENT_CODES = new Set(["BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "PARSE_ERROR"]);

export function isTRPCError(error: unknown): error is TRPCClientError<AppRouter> {
  return error instanceof TRPCClientError;
}

/** Errors caused by the request itself: retrying would give the same answer. */
export function isClientError(error: unknown): boolean {
  return isTRPCError(error) && CLIENT_CODES.has(error.data?.code ?? "");
}

/** Field messages from the API's flattened zod error, keyed by input field. */
export function fieldErrors(error: unknown): Record<string, string | undefined> {
  if (!isTRPCError(error)) return {};
  // The formatter's type is the generic flattened ZodError; its fields are string arrays.
  const fields: unknown = error.data?.zodError?.fieldErrors;
  if (!fields || typeof fields !== "object") return {};
  return Object.fromEntries(
    Object.entries(fields as Record<string, unknown>).map(([key, messages]) => [
      key,
      Array.isArray(messages) && typeof messages[0] === "string" ? messages[0] : undefined,
    ]),
  );
}

function retryHint(seconds: number | null | undefined): string {
  if (!seconds) return "Wait a moment and try again.";
  if (seconds < 90) return `Try again in ${Math.ceil(seconds)} seconds.`;
  return `Try again in ${Math.ceil(seconds / 60)} minutes.`;
}

/** One sentence for the person: the API's message for expected errors, a generic one otherwise. */
export function errorMessage(error: unknown): string {
  if (isTRPCError(error)) {
    switch (error.data?.code) {
      case "TOO_MANY_REQUESTS":
        return `You are doing that too often. ${retryHint(error.data.retryAfterSeconds)}`;
      case "UNAUTHORIZED":
        return "Your session has ended. Sign in again to continue.";
      case "INTERNAL_SERVER_ERROR":
        return "Something went wrong on our side. Try again in a moment.";
      case "BAD_REQUEST":
        return error.data.zodError ? "Check the highlighted fields." : error.message;
      case undefined:
        return "Could not reach Parley. Check your connection and try again.";
      default:
        return error.message;
    }
  }
  return "Something went wrong. Try again in a moment.";
}
