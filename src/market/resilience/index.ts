/**
 * A provider within its plan: a bucket per window (second, minute, hour), the daily quota, a
 * concurrency limit, the upstream's Retry-After and 429 backoff, retries, one time budget per call.
 */
export type { LimitedService, PlanLimits, RateWindow, ServicePlans, WindowUnit } from "./plan-limits";
export { describeLimits, describeWindow, limitPer, loosestLimits, rateWindows, WINDOW_UNITS, windowAdjective } from "./plan-limits";
export {
  planFromSettings,
  planPhrase,
  planSettingPrefix,
  PlanSettingError,
  planTierNames,
  requireTier,
  serverCeiling,
  tierLimits,
  windowSettingName,
} from "./plan-settings";
export type { PlanChoice } from "./plan-settings";
export { DEFAULT_HOST_NOT_FOUND_MEMORY_MS, ResilientProvider, withPlanLimits } from "./resilient-provider";
export type { LimitWait, ResilientProviderOptions, ResilientProviderStats, RunOptions } from "./resilient-provider";
export { LimitGate } from "./limit-gate";
export type { Admission, AdmitOptions, Binding, GateOutcome, GateTicket, GateWait, GateWording, LimitGateOptions } from "./limit-gate";
export { planWording, sharedWording } from "./gate-wording";
export { LocalQuotaCounter, nextUtcMidnight, utcDay } from "./quota-counter";
export type { QuotaCounter, QuotaScope, QuotaTake } from "./quota-counter";
export { DEFAULT_RETRY_POLICY, isRetryable, retryDelayMs } from "./retry-policy";
export type { RetryPolicy } from "./retry-policy";
export { TokenBucket } from "./token-bucket";
export type { TokenBucketOptions, TokenLease } from "./token-bucket";
export { ConcurrencyLimit } from "./concurrency-limit";
export { CallBudget, CallStopped } from "./call-budget";
export { systemClock } from "./clock";
export type { Clock } from "./clock";
export { formatWait } from "./wait-text";
export { ResilientMarketProvider } from "./resilient-market-provider";
