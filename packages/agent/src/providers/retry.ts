export interface RetryPolicy {
  /** Calls in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  /** The cap on any single wait, whatever the server asks for. */
  maxDelayMs: number;
  /** Each call is aborted after this long and counts as a retryable failure. */
  timeoutMs: number;
  /** For tests: a fixed source of jitter. */
  random?: () => number;
}

/** What went wrong in one provider call, and whether another try may help. */
export interface CallFailure {
  retryable: boolean;
  /** A short reason for people ("model is loading (503)"). */
  reason: string;
  /** The server's own hint (Retry-After, estimated_time), before the cap. */
  waitMs?: number;
}

/** A provider call that failed for good: its message is the readable reason on the job. */
export class ProviderFailure extends Error {
  override name = "ProviderFailure";
}

/** A call that succeeded at the HTTP level but answered nothing (empty or blank text): a failed
 * call under the retry policy, never a result. */
export class EmptyAnswer extends Error {
  override name = "EmptyAnswer";
}

/** The job itself was aborted (shutdown): not a provider failure, the job runs again later. */
export class JobAborted extends Error {
  override name = "JobAborted";
}

/** Read through a call: TypeScript narrows a property read once and forgets async aborts. */
const aborted = (signal: AbortSignal): boolean => signal.aborted;

export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // "Equal jitter": half fixed, half random, so waits spread out but never collapse to zero.
  return Math.round(exponential / 2 + (policy.random ?? Math.random)() * (exponential / 2));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new JobAborted("job aborted"));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new JobAborted("job aborted"));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

export interface RetryHooks {
  /** Explains an error of one attempt; `timedOut` is true when our timeout aborted it. */
  classify(error: unknown, timedOut: boolean): CallFailure;
  onRetry?(info: { attempt: number; delayMs: number; failure: CallFailure }): void;
}

/**
 * Runs `call` under the policy: a timeout per call (combined with the job's abort signal),
 * retries with capped exponential backoff and jitter, or the server's hint when it gives one.
 * Throws ProviderFailure with a readable reason at the end, JobAborted when the job stops.
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  jobSignal: AbortSignal,
  hooks: RetryHooks,
  call: (signal: AbortSignal, attempt: number) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    if (aborted(jobSignal)) throw new JobAborted("job aborted");
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException("provider call timed out", "TimeoutError")),
      policy.timeoutMs,
    );
    try {
      return await call(AbortSignal.any([jobSignal, timeout.signal]), attempt);
    } catch (error) {
      if (aborted(jobSignal)) throw new JobAborted("job aborted", { cause: error });
      const failure = hooks.classify(error, timeout.signal.aborted);
      if (!failure.retryable || attempt >= policy.attempts) {
        const tries = attempt === 1 ? "" : ` after ${attempt} attempts`;
        throw new ProviderFailure(`${failure.reason}${tries}`, { cause: error });
      }
      const delayMs = Math.min(policy.maxDelayMs, failure.waitMs ?? backoffDelay(policy, attempt));
      hooks.onRetry?.({ attempt, delayMs, failure });
      await sleep(delayMs, jobSignal);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Retry-After as delta-seconds or an HTTP date, in milliseconds. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
