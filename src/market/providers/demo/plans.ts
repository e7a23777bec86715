import type { ProviderPlans } from "../shared";

/** The demo provider computes its histories offline: no plans, no request limits (it is never wrapped in any). */
export const DEMO_PLANS: ProviderPlans = {
  countsPer: [],
  tiers: {
    free: { concurrency: 64 },
  },
};
