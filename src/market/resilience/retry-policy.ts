import { MarketDataError } from "../core";

export interface RetryPolicy {
  /** Calls to the provider per request, the first included. */
  readonly maxAttempts: number;
  /** Longest a request may take from start to answer: waits for a slot or a token, attempts, backoff. */
  readonly budgetMs: number;
  /** Ceiling of the first backoff; doubles per retry up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * 3 attempts ride out a dropped connection or a brief 503 without multiplying load on an upstream
 * that is really down; 20 s leaves room under Excel's ~60 s limit for a custom function even when
 * the history store follows a tail fetch with a full one. Backoff ceilings 1 s, then 2 s.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, budgetMs: 20_000, baseDelayMs: 1_000, maxDelayMs: 8_000 };

/**
 * Only failures that another try can fix: rate limits and outages (network, timeout, 5xx). A host
 * name that does not resolve (offline, or a wrong MKT_<NAME>_URL) is not one: retrying only delays
 * the answer, and a CLI run over many tickers would multiply the attempts.
 */
export function isRetryable(error: unknown): error is MarketDataError {
  return error instanceof MarketDataError && (error.kind === "rate-limited" || error.kind === "unavailable") && !error.hostNotFound;
}

/**
 * Wait before retry number `retry` (1 = the first retry): what the upstream asked for
 * (Retry-After), else exponential backoff with full jitter (uniform between 0 and the ceiling),
 * which spreads retries of many callers that failed together.
 */
export function retryDelayMs(error: MarketDataError, retry: number, policy: RetryPolicy, random: () => number): number {
  if (error.retryAfterSeconds !== null && error.retryAfterSeconds >= 0) return error.retryAfterSeconds * 1000;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return random() * ceiling;
}
