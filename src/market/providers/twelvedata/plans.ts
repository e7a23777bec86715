import type { ProviderPlans } from "../shared";

/**
 * Twelve Data's plans, by the names MKT_TWELVEDATA_PLAN and the add-in's settings take: a paid plan
 * is named by its API credits a minute ("Grow 55", "Pro 1597"); one /time_series symbol costs one
 * credit, and credits "reset every minute".
 *
 * Sources (checked 2026-12-01): twelvedata.com/pricing; support.twelvedata.com/en/articles/5615854-credits
 * and /5194820-api-credits-limits; /6487105-how-do-i-upgrade-my-subscription (plan names "Grow 55",
 * "Pro 1597").
 * - free (Basic): 8 credits a minute and 800 a day.
 * - grow-55 … ultra-10946: that many credits a minute, no daily limit.
 * Concurrency is not published: two in flight on the free plan keeps a burst inside the minute's
 * credits, four on Grow and eight above are our own pacing.
 */
export const TWELVEDATA_PLANS: ProviderPlans = {
  countsPer: ["minute", "day"],
  tiers: {
    free: { concurrency: 2, perMinute: 8, perDay: 800 },
    "grow-55": { concurrency: 4, perMinute: 55 },
    "grow-144": { concurrency: 4, perMinute: 144 },
    "grow-377": { concurrency: 4, perMinute: 377 },
    "pro-610": { concurrency: 8, perMinute: 610 },
    "pro-987": { concurrency: 8, perMinute: 987 },
    "pro-1597": { concurrency: 8, perMinute: 1597 },
    "ultra-2584": { concurrency: 8, perMinute: 2584 },
    "ultra-4181": { concurrency: 8, perMinute: 4181 },
    "ultra-6765": { concurrency: 8, perMinute: 6765 },
    "ultra-10946": { concurrency: 8, perMinute: 10946 },
  },
};
