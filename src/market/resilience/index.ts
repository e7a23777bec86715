/** A provider within its plan: token buckets, a concurrency limit, retries with backoff, one time budget per call. */
export type { LimitedService, PlanLimits } from "./plan-limits";
export { DEFAULT_HOST_NOT_FOUND_MEMORY_MS, ResilientProvider, withPlanLimits } from "./resilient-provider";
export type { ResilientProviderOptions, ResilientProviderStats } from "./resilient-provider";
export { DEFAULT_RETRY_POLICY, isRetryable, retryDelayMs } from "./retry-policy";
export type { RetryPolicy } from "./retry-policy";
export { TokenBucket } from "./token-bucket";
export type { Reservation, TokenBucketOptions } from "./token-bucket";
export { ConcurrencyLimit } from "./concurrency-limit";
export { CallBudget, CallStopped } from "./call-budget";
export { systemClock } from "./clock";
export type { Clock } from "./clock";
export { formatWait } from "./wait-text";
