import type { ProviderSpec } from "../shared";
import { AlphaVantageProvider, ALPHAVANTAGE_LABEL, DEFAULT_ALPHAVANTAGE_URL } from "./client";
import { ALPHAVANTAGE_PLANS } from "./plans";

export const ALPHAVANTAGE_SPEC: ProviderSpec = {
  name: "alphavantage",
  label: ALPHAVANTAGE_LABEL,
  defaultBaseUrl: DEFAULT_ALPHAVANTAGE_URL,
  knownHosts: ["www.alphavantage.co", "alphavantage.co"],
  keyRequired: true,
  // 16 capital letters and digits (every key alphavantage.co issues, e.g. in its support pages); either case accepted.
  keyPattern: { regex: /^[A-Za-z0-9]{16}$/, description: "16 letters and digits" },
  // outputsize=full since 1999 is ~6,700 bars, about 1.3 MB of indented JSON.
  maxBodyBytes: 8 * 1024 * 1024,
  adjustedCloses: false,
  supportsSince: false,
  // Free and paid plans, with their sources: ./plans.ts.
  plans: ALPHAVANTAGE_PLANS,
  create: (options) => new AlphaVantageProvider(options),
};
