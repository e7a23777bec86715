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
