import type { ProviderSpec } from "../shared";
import { FmpProvider, DEFAULT_FMP_URL, FMP_LABEL } from "./client";

export const FMP_SPEC: ProviderSpec = {
  name: "fmp",
  label: FMP_LABEL,
  defaultBaseUrl: DEFAULT_FMP_URL,
  knownHosts: ["financialmodelingprep.com"],
  keyRequired: true,
  adjustedCloses: false,
  supportsSince: true,
  // Basic (free) plan: 250 calls a day, end-of-day data, 5 years of history, US listings
  // (site.financialmodelingprep.com/pricing, as summarised by api-evangelist/financial-modeling-prep
  // plans and rate-limits files, 2026-07). No per-minute limit is published for the free plan
  // (Starter is 300/min); 30/min and two in flight are our own pacing so a workbook's burst
  // does not spend the whole day's quota in seconds.
  freePlanLimits: { concurrency: 2, requestsPerMinute: 30, requestsPerDay: 250 },
  create: (options) => new FmpProvider(options),
};
