import type { ProviderPlans } from "../shared";

/**
 * Alpha Vantage's plans, by the names MKT_ALPHAVANTAGE_PLAN and the add-in's settings take.
 *
 * Sources (checked 2026-12-01): alphavantage.co/premium and alphavantage.co/support, as captured in
 * api-evangelist/alpha-vantage plans/alpha-vantage-plans-pricing.yml (reconciled 2026-05-08).
 * - free: 25 requests a day since 2024 (home-assistant/home-assistant.io#31996, "the free API changed
 *   their limits to 25 polls per day") and 5 a minute, plus a reported burst limit of about one
 *   request a second (finance-quote#546, Dec 2025): one at a time.
 * - premium-75 … premium-1200: that many requests a minute and no daily limit ($49.99 to $249.99 a
 *   month). Alpha Vantage publishes no concurrency: four in flight is our own pacing.
 */
export const ALPHAVANTAGE_PLANS: ProviderPlans = {
  countsPer: ["second", "minute", "day"],
  tiers: {
    free: { concurrency: 1, perSecond: 1, perMinute: 5, perDay: 25 },
    "premium-75": { concurrency: 4, perMinute: 75 },
    "premium-150": { concurrency: 4, perMinute: 150 },
    "premium-300": { concurrency: 4, perMinute: 300 },
    "premium-600": { concurrency: 4, perMinute: 600 },
    "premium-1200": { concurrency: 4, perMinute: 1200 },
  },
};
