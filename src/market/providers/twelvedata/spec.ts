import type { ProviderSpec } from "../shared";
import { TwelveDataProvider, DEFAULT_TWELVEDATA_URL, TWELVEDATA_LABEL } from "./client";

export const TWELVEDATA_SPEC: ProviderSpec = {
  name: "twelvedata",
  label: TWELVEDATA_LABEL,
  defaultBaseUrl: DEFAULT_TWELVEDATA_URL,
  knownHosts: ["api.twelvedata.com"],
  keyRequired: true,
  adjustedCloses: false,
  supportsSince: true,
  // Basic (free) plan: 8 API credits a minute and 800 a day, one credit per /time_series symbol
  // (support.twelvedata.com/en/articles/5194820-api-credits-limits; /5615854-credits).
  // Concurrency is not published; two in flight keeps a burst inside the minute's credits.
  freePlanLimits: { concurrency: 2, requestsPerMinute: 8, requestsPerDay: 800 },
  create: (options) => new TwelveDataProvider(options),
};
