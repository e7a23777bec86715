import type { ProviderPlans } from "../shared";

/**
 * Financial Modeling Prep's plans, by the names MKT_FMP_PLAN and the add-in's settings take.
 *
 * Sources (checked 2026-12-01): site.financialmodelingprep.com/pricing-plans, as captured in
 * api-evangelist/financial-modeling-prep plans/financial-modeling-prep-plans-pricing.yml (2026-07-22).
 * - free (FMP's "Basic"): 250 calls a day, end-of-day data, 5 years of history. No per-minute limit is
 *   published: 30 a minute and two in flight are our own pacing, so a workbook's burst does not spend
 *   the whole day's quota in seconds.
 * - starter, premium, ultimate ($29, $69, $139 a month): 300, 750 and 3,000 calls a minute, no daily
 *   limit. Concurrency is not published: eight in flight is ours.
 */
export const FMP_PLANS: ProviderPlans = {
  countsPer: ["minute", "day"],
  tiers: {
    free: { concurrency: 2, perMinute: 30, perDay: 250 },
    starter: { concurrency: 8, perMinute: 300 },
    premium: { concurrency: 8, perMinute: 750 },
    ultimate: { concurrency: 8, perMinute: 3000 },
  },
};
