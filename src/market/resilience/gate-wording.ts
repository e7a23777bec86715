import type { GateWording } from "./limit-gate";
import { describeWindow, windowAdjective } from "./plan-limits";

/**
 * A provider plan's limits in messages: "Alpha Vantage allows 5 requests a minute on the free plan",
 * "1 at a time on the free plan", "Alpha Vantage's 5-a-minute limit". `planPhrase` is " on the free
 * plan", " on the configured plan", or "" when the plan is not worth naming.
 */
export function planWording(label: string, planPhrase: string): GateWording {
  return {
    window: (unit, requests) => `${label} allows ${describeWindow(unit, requests)}${planPhrase}`,
    concurrency: (n) => `${n} at a time${planPhrase}`,
    limitName: (unit, requests) => `${label}'s ${windowAdjective(unit, requests)} limit`,
  };
}

/**
 * A server-wide ceiling shared by every key (and every provider reaching `upstream`, a provider's
 * label or a host name): "This data server sends Tiingo at most 5,000 requests an hour for all its users".
 */
export function sharedWording(upstream: string): GateWording {
  return {
    window: (unit, requests) => `This data server sends ${upstream} at most ${describeWindow(unit, requests)} for all its users`,
    concurrency: (n) => `${n} at a time from this data server for all its users`,
    limitName: (unit, requests) => `this data server's ${windowAdjective(unit, requests)} limit for ${upstream}`,
  };
}
