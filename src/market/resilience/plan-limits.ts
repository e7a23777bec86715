/** The windows a plan counts requests in. */
export type WindowUnit = "second" | "minute" | "hour" | "day";

export const WINDOW_UNITS: readonly WindowUnit[] = ["second", "minute", "hour", "day"];

export const WINDOW_MS: Readonly<Record<WindowUnit, number>> = {
  second: 1_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

/**
 * A plan's limits as the provider publishes them: requests per window (each left out where the plan
 * has none) and requests in flight at once. "5 a minute" means five may go at once, and the sixth
 * one minute after the first; a day is a calendar day (UTC), counted once for every server instance
 * sharing a quota counter.
 */
export interface PlanLimits {
  /** Requests allowed in flight at once. */
  readonly concurrency: number;
  readonly perSecond?: number;
  readonly perMinute?: number;
  readonly perHour?: number;
  readonly perDay?: number;
}

/** A provider's plans: "free" and its documented paid tiers, by the names analysts see in their account. */
export interface ServicePlans {
  readonly tiers: Readonly<Record<string, PlanLimits>> & { readonly free: PlanLimits };
  /** The windows the provider counts in: the ones MKT_<NAME>_PER_<UNIT> may set. */
  readonly countsPer: readonly WindowUnit[];
}

/** What the limits are applied for: a provider's label (for messages) and its plans. */
export interface LimitedService {
  readonly label: string;
  readonly plans: ServicePlans;
}

export interface RateWindow {
  readonly unit: WindowUnit;
  readonly requests: number;
}

const FIELD: Readonly<Record<WindowUnit, "perSecond" | "perMinute" | "perHour" | "perDay">> = {
  second: "perSecond",
  minute: "perMinute",
  hour: "perHour",
  day: "perDay",
};

/** The plan's requests per `unit`, or null when it has no such limit. */
export function limitPer(limits: PlanLimits, unit: WindowUnit): number | null {
  return limits[FIELD[unit]] ?? null;
}

/** `limits` with the window `unit` set to `requests`, or removed with null. */
export function withLimitPer(limits: PlanLimits, unit: WindowUnit, requests: number | null): PlanLimits {
  const copy: Record<string, number | undefined> = { ...limits };
  if (requests === null) delete copy[FIELD[unit]];
  else copy[FIELD[unit]] = requests;
  return copy as unknown as PlanLimits;
}

/** The plan's windows, shortest first (the day included). */
export function rateWindows(limits: PlanLimits): RateWindow[] {
  return WINDOW_UNITS.flatMap((unit) => {
    const requests = limitPer(limits, unit);
    return requests === null ? [] : [{ unit, requests }];
  });
}

/**
 * The loosest of several plans: the most in flight, and per window the most requests, with no
 * limit where any of them has none. What no single plan may exceed: a server-wide ceiling.
 */
export function loosestLimits(plans: readonly PlanLimits[], units: readonly WindowUnit[] = WINDOW_UNITS): PlanLimits {
  let loosest: PlanLimits = { concurrency: Math.max(1, ...plans.map((plan) => plan.concurrency)) };
  for (const unit of units) {
    const each = plans.map((plan) => limitPer(plan, unit));
    if (each.length > 0 && each.every((n): n is number => n !== null)) loosest = withLimitPer(loosest, unit, Math.max(...each));
  }
  return loosest;
}

const ARTICLE: Readonly<Record<WindowUnit, string>> = { second: "a", minute: "a", hour: "an", day: "a" };

function count(n: number): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: 3 });
}

/** "5 requests a minute", "50 requests an hour", "1 request a second". */
export function describeWindow(unit: WindowUnit, requests: number): string {
  return `${count(requests)} ${requests === 1 ? "request" : "requests"} ${ARTICLE[unit]} ${unit}`;
}

/** "5-a-minute", "50-an-hour": the limit as an adjective ("Alpha Vantage's 5-a-minute limit"). */
export function windowAdjective(unit: WindowUnit, requests: number): string {
  return `${count(requests)}-${ARTICLE[unit]}-${unit}`;
}

/** The plan in a few words: "5 a minute, 25 a day, 1 at a time". */
export function describeLimits(limits: PlanLimits): string {
  const windows = rateWindows(limits).map(({ unit, requests }) => `${count(requests)} ${ARTICLE[unit]} ${unit}`);
  return [...windows, `${count(limits.concurrency)} at a time`].join(", ");
}
