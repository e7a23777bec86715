import type { ProviderSpec } from "../shared";
import { YahooProvider, DEFAULT_YAHOO_URL } from "./client";
import { YAHOO_PLANS } from "./plans";

export const YAHOO_SPEC: ProviderSpec = {
  name: "yahoo",
  label: "Yahoo Finance",
  defaultBaseUrl: DEFAULT_YAHOO_URL,
  knownHosts: ["query1.finance.yahoo.com", "query2.finance.yahoo.com"],
  keyRequired: false,
  keyPattern: null,
  // ~250 bytes of chart JSON a bar: ^GSPC since 1927 (~24,700 bars) is about 6 MB, a 30-year history under 2 MB.
  maxBodyBytes: 16 * 1024 * 1024,
  adjustedCloses: true,
  supportsSince: true,
  // Free and paid plans, with their sources: ./plans.ts.
  plans: YAHOO_PLANS,
  create: (options) => new YahooProvider(options),
};
