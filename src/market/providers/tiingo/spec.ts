import type { ProviderSpec } from "../shared";
import { TiingoProvider, DEFAULT_TIINGO_URL, TIINGO_LABEL } from "./client";

export const TIINGO_SPEC: ProviderSpec = {
  name: "tiingo",
  label: TIINGO_LABEL,
  defaultBaseUrl: DEFAULT_TIINGO_URL,
  knownHosts: ["api.tiingo.com"],
  keyRequired: true,
  adjustedCloses: true,
  supportsSince: true,
  // Free plan: 50 requests an hour and 1,000 a day, 500 unique symbols a month (tiingo.com/about/pricing,
  // as summarised in api-evangelist/tiingo rate-limits: "Power User (Free) … 50 requests per hour").
  // The sustained rate is therefore below one request a minute.
  freePlanLimits: { concurrency: 1, requestsPerMinute: 50 / 60, requestsPerDay: 1000 },
  create: (options) => new TiingoProvider(options),
};
