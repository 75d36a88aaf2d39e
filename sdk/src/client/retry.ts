/**
 * How long to wait before retry number `retry` (1-based), in milliseconds. `retryAfterMs` is
 * what the API asked for with `Retry-After`, when it did.
 */
export type Backoff = (retry: number, retryAfterMs: number | undefined) => number;

const INITIAL_DELAY_MS = 500;
const MAX_DELAY_MS = 5_000;

/**
 * A `Retry-After` longer than this is not waited for: the call fails at once with `retryAfter`
 * set, so the page can tell the person instead of hanging (a login lockout lasts minutes).
 */
export const MAX_RETRY_AFTER_MS = 20_000;

/**
 * The default {@link Backoff}: exponential from 0.5 s, capped at 5 s, with jitter in the upper
 * half of the interval so that many clients failing together do not retry together; never
 * sooner than the API's `Retry-After`.
 */
export const exponentialBackoff: Backoff = (retry, retryAfterMs) => {
  const ceiling = Math.min(INITIAL_DELAY_MS * 2 ** (retry - 1), MAX_DELAY_MS);
  return Math.max(retryAfterMs ?? 0, ceiling * (0.5 + Math.random() / 2));
};

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
