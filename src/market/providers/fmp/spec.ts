import type { ProviderSpec } from "../shared";
import { FmpProvider, DEFAULT_FMP_URL, FMP_LABEL } from "./client";
import { FMP_PLANS } from "./plans";

export const FMP_SPEC: ProviderSpec = {
  name: "fmp",
  label: FMP_LABEL,
  defaultBaseUrl: DEFAULT_FMP_URL,
  knownHosts: ["financialmodelingprep.com"],
  keyRequired: true,
  // 32 letters and digits (financialmodelingprep.com dashboard keys).
  keyPattern: { regex: /^[A-Za-z0-9]{32}$/, description: "32 letters and digits" },
  // ~350 bytes a bar with its extra columns: a 60-year history (~16,000 bars) is about 5.6 MB.
  maxBodyBytes: 16 * 1024 * 1024,
  adjustedCloses: false,
  supportsSince: true,
  // Free and paid plans, with their sources: ./plans.ts.
  plans: FMP_PLANS,
  create: (options) => new FmpProvider(options),
};
