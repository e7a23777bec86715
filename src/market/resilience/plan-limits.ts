import type { HistoryProvider } from "../core";
import { ResilientProvider, ResilientProviderOptions } from "./resilient-provider";

/** A plan's published limits; the defaults the rate limiter starts from. */
export interface PlanLimits {
  /** Requests allowed in flight at once. */
  readonly concurrency: number;
  /** Sustained rate (token bucket refill). */
  readonly requestsPerMinute: number;
  /** Hard daily quota, where the plan has one. */
  readonly requestsPerDay: number | null;
}

/** What the limits are applied for: a provider's label (for messages) and its free plan. */
export interface LimitedService {
  readonly label: string;
  readonly freePlanLimits: PlanLimits;
}

/** A provider wrapped with the published free-plan limits of its service. */
export function withPlanLimits(service: LimitedService, provider: HistoryProvider, overrides: Partial<ResilientProviderOptions> = {}): ResilientProvider {
  return new ResilientProvider(provider, { limits: service.freePlanLimits, label: service.label, plan: "free", ...overrides });
}
