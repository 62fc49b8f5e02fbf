import { describe, expect, it } from "vitest";
import { backoffDelay, JobAborted, parseRetryAfter, ProviderFailure, withRetry } from "./retry";

const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000, timeoutMs: 1000 };

describe("retry policy", () => {
  it("backs off exponentially with jitter between half and all of the step, under the cap", () => {
    expect(backoffDelay({ ...policy, random: () => 0 }, 1)).toBe(50);
    expect(backoffDelay({ ...policy, random: () => 1 }, 1)).toBe(100);
    expect(backoffDelay({ ...policy, random: () => 1 }, 3)).toBe(400);
    expect(backoffDelay({ ...policy, random: () => 1 }, 10)).toBe(1000);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it("does not retry what cannot succeed, and says why", async () => {
    let calls = 0;
    const run = withRetry(
      { ...policy, baseDelayMs: 1 },
      new AbortController().signal,
      {
        classify: () => ({
          retryable: false,
          reason: "the model provider refused the request (400)",
        }),
      },
      () => {
        calls++;
        return Promise.reject(new Error("400"));
      },
    );
    await expect(run).rejects.toEqual(
      new ProviderFailure("the model provider refused the request (400)"),
    );
    expect(calls).toBe(1);
  });

  it("ends with JobAborted, not a provider failure, when the job is aborted", async () => {
    const controller = new AbortController();
    const run = withRetry(
      { ...policy, baseDelayMs: 1 },
      controller.signal,
      { classify: () => ({ retryable: true, reason: "x" }) },
      () => {
        controller.abort();
        return Promise.reject(new Error("aborted"));
      },
    );
    await expect(run).rejects.toBeInstanceOf(JobAborted);
  });
});
