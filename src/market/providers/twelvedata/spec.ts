import type { ProviderSpec } from "../shared";
import { TwelveDataProvider, DEFAULT_TWELVEDATA_URL, TWELVEDATA_LABEL } from "./client";
import { TWELVEDATA_PLANS } from "./plans";

export const TWELVEDATA_SPEC: ProviderSpec = {
  name: "twelvedata",
  label: TWELVEDATA_LABEL,
  defaultBaseUrl: DEFAULT_TWELVEDATA_URL,
  knownHosts: ["api.twelvedata.com"],
  keyRequired: true,
  // 32 hexadecimal digits (twelvedata.com/account/api-keys); either case accepted.
  keyPattern: { regex: /^[0-9A-Fa-f]{32}$/, description: "32 hexadecimal digits (0-9, a-f)" },
  // At most 5,000 bars a call at ~150 bytes: under 1 MB.
  maxBodyBytes: 4 * 1024 * 1024,
  adjustedCloses: false,
  supportsSince: true,
  // Free and paid plans, with their sources: ./plans.ts.
  plans: TWELVEDATA_PLANS,
  create: (options) => new TwelveDataProvider(options),
};
