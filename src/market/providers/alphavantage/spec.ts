import type { ProviderSpec } from "../shared";
import { AlphaVantageProvider, ALPHAVANTAGE_LABEL, DEFAULT_ALPHAVANTAGE_URL } from "./client";

export const ALPHAVANTAGE_SPEC: ProviderSpec = {
  name: "alphavantage",
  label: ALPHAVANTAGE_LABEL,
  defaultBaseUrl: DEFAULT_ALPHAVANTAGE_URL,
  knownHosts: ["www.alphavantage.co", "alphavantage.co"],
  keyRequired: true,
  adjustedCloses: false,
  supportsSince: false,
  // Free key: 25 requests a day since 2024 (alphavantage.co/support; home-assistant/home-assistant.io#31996,
  // "the free API changed their limits to 25 polls per day"), 5 a minute before that, plus a reported
  // burst limit of about 1 request a second (finance-quote#546, Dec 2025): one at a time, 5 a minute.
  freePlanLimits: { concurrency: 1, requestsPerMinute: 5, requestsPerDay: 25 },
  create: (options) => new AlphaVantageProvider(options),
};
