import type { ProviderPlans } from "../shared";

/**
 * Yahoo Finance has no plans and publishes no limits; it answers bursts with plain-text 429s. Eight
 * requests in flight and a generous rate keep a 500-ticker workbook to seconds while staying polite
 * (MKT_YAHOO_CONCURRENCY and MKT_YAHOO_PER_MINUTE change them).
 */
export const YAHOO_PLANS: ProviderPlans = {
  countsPer: ["minute"],
  tiers: {
    free: { concurrency: 8, perMinute: 12_000 },
  },
};
