import type { ProviderPlans } from "../shared";

/**
 * Tiingo's plans, by the names MKT_TIINGO_PLAN and the add-in's settings take. Tiingo counts per hour
 * and per day.
 *
 * Sources (checked 2026-12-01): tiingo.com/about/pricing and tiingo.com/documentation/general/overview
 * ("if you need higher usage limits … upgrade to the Power and/or Commercial plan"), as summarised in
 * api-evangelist/tiingo plans/tiingo-plans-pricing.yml and rate-limits/tiingo-rate-limits.yml (2026-05-08).
 * - free: 50 requests an hour and 1,000 a day, 500 unique symbols a month.
 * - power: about 5,000 requests an hour; no daily figure is published in those sources (set
 *   MKT_TIINGO_PER_DAY if your contract has one). Concurrency is not published: four in flight is ours.
 */
export const TIINGO_PLANS: ProviderPlans = {
  countsPer: ["hour", "day"],
  tiers: {
    free: { concurrency: 1, perHour: 50, perDay: 1000 },
    power: { concurrency: 4, perHour: 5000 },
  },
};
