import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { backoffDelay, isRetryableSubscriptionError } from "./subscription-retry";
import type { AppRouter } from "./types";

const delays = { initialDelayMs: 100, maxDelayMs: 1_000 };

describe("backoffDelay", () => {
  it("doubles with each failure in a row up to the cap, with half of it random", () => {
    const lowest = [0, 1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, delays, () => 0));
    const highest = [0, 1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, delays, () => 1));
    expect(lowest).toEqual([50, 50, 100, 200, 400, 500, 500]);
    expect(highest).toEqual([100, 100, 200, 400, 800, 1_000, 1_000]);
  });
});

function serverError(code: string): TRPCClientError<AppRouter> {
  return TRPCClientError.from({
    error: { code: -32000, message: code, data: { code, httpStatus: 0 } },
  });
}

describe("isRetryableSubscriptionError", () => {
  it("retries network failures, 5xx answers and throttling", () => {
    expect(isRetryableSubscriptionError(TRPCClientError.from(new Error("fetch failed")))).toBe(
      true,
    );
    expect(
      isRetryableSubscriptionError(
        TRPCClientError.from({ type: "error", code: 502, message: "Non-200 status code (502)" }),
      ),
    ).toBe(true);
    expect(
      isRetryableSubscriptionError(
        TRPCClientError.from({ type: "error", code: 429, message: "Non-200 status code (429)" }),
      ),
    ).toBe(true);
    expect(isRetryableSubscriptionError(serverError("SERVICE_UNAVAILABLE"))).toBe(true);
    expect(isRetryableSubscriptionError(serverError("TOO_MANY_REQUESTS"))).toBe(true);
  });

  it("stops on the server's final answers", () => {
    for (const code of ["BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"]) {
      expect(isRetryableSubscriptionError(serverError(code))).toBe(false);
    }
    expect(
      isRetryableSubscriptionError(
        TRPCClientError.from({ type: "error", code: 400, message: "Non-200 status code (400)" }),
      ),
    ).toBe(false);
  });
});
