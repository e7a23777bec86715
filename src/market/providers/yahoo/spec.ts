import type { ProviderSpec } from "../shared";
import { YahooProvider, DEFAULT_YAHOO_URL } from "./client";

export const YAHOO_SPEC: ProviderSpec = {
  name: "yahoo",
  label: "Yahoo Finance",
  defaultBaseUrl: DEFAULT_YAHOO_URL,
  knownHosts: ["query1.finance.yahoo.com", "query2.finance.yahoo.com"],
  keyRequired: false,
  adjustedCloses: true,
  supportsSince: true,
  // Yahoo publishes no limits; it answers bursts with plain-text 429s. Eight requests in flight
  // and a generous rate keep a 500-ticker workbook to seconds while staying polite.
  freePlanLimits: { concurrency: 8, requestsPerMinute: 12_000, requestsPerDay: null },
  create: (options) => new YahooProvider(options),
};
