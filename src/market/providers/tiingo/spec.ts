import type { ProviderSpec } from "../shared";
import { TiingoProvider, DEFAULT_TIINGO_URL, TIINGO_LABEL } from "./client";
import { TIINGO_PLANS } from "./plans";

export const TIINGO_SPEC: ProviderSpec = {
  name: "tiingo",
  label: TIINGO_LABEL,
  defaultBaseUrl: DEFAULT_TIINGO_URL,
  knownHosts: ["api.tiingo.com"],
  keyRequired: true,
  // 40 hexadecimal digits (the token on tiingo.com/account/api/token); either case accepted.
  keyPattern: { regex: /^[0-9A-Fa-f]{40}$/, description: "40 hexadecimal digits (0-9, a-f)" },
  // ~300 bytes a bar with the adjusted columns: a 60-year history (~16,000 bars) is about 5 MB.
  maxBodyBytes: 16 * 1024 * 1024,
  adjustedCloses: true,
  supportsSince: true,
  // Free and paid plans, with their sources: ./plans.ts.
  plans: TIINGO_PLANS,
  create: (options) => new TiingoProvider(options),
};
