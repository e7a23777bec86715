import type { ProviderPlans } from "../shared";

/**
 * Polygon.io's (Massive's) stocks plans, by the names MKT_POLYGON_PLAN and the add-in's settings take.
 *
 * Sources (checked 2026-12-01): polygon.io/pricing (now massive.com/pricing), as captured in
 * api-evangelist/polygon plans/polygon-plans-pricing.yml (2026-05-29).
 * - free (Polygon's "Basic"): 5 API calls a minute, no daily cap, end-of-day data, about two years of
 *   history (massive-com/client-python#601 README note "a free API key … supports up to 5 API calls per
 *   minute"; docs.airbyte.com Polygon source: "only 5 API Calls/Minute on the free plan"; client-python#870).
 * - starter, developer, advanced ($29, $79, $199 a month): unlimited API calls. Polygon publishes no
 *   concurrency: eight in flight is our own politeness, as for Yahoo.
 */
export const POLYGON_PLANS: ProviderPlans = {
  countsPer: ["minute"],
  tiers: {
    free: { concurrency: 1, perMinute: 5 },
    starter: { concurrency: 8 },
    developer: { concurrency: 8 },
    advanced: { concurrency: 8 },
  },
};
