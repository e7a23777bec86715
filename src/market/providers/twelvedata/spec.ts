import { providerTakesKeys } from "../../core";
import type { ProviderSpec } from "../shared";
import { TWELVEDATA_NO_EARNINGS, TWELVEDATA_STATISTICS_CREDITS, TwelveDataSnapshotProvider } from "./fundamentals";
import { TwelveDataProvider, DEFAULT_TWELVEDATA_URL, TWELVEDATA_LABEL } from "./client";
import { TWELVEDATA_PLANS } from "./plans";
import { TWELVEDATA_QUOTES_PER_REQUEST, TwelveDataQuoteProvider } from "./quote";

export const TWELVEDATA_SPEC: ProviderSpec = {
  name: "twelvedata",
  label: TWELVEDATA_LABEL,
  defaultBaseUrl: DEFAULT_TWELVEDATA_URL,
  knownHosts: ["api.twelvedata.com"],
  keyRequired: providerTakesKeys("twelvedata"),
  // 32 hexadecimal digits (twelvedata.com/account/api-keys); either case accepted.
  keyPattern: { regex: /^[0-9A-Fa-f]{32}$/, description: "32 hexadecimal digits (0-9, a-f)" },
  // At most 5,000 bars a call at ~150 bytes: under 1 MB.
  maxBodyBytes: 4 * 1024 * 1024,
  adjustedCloses: false,
  supportsSince: true,
  // Free and paid plans, with their sources: ./plans.ts.
  plans: TWELVEDATA_PLANS,
  create: (options) => new TwelveDataProvider(options),
  snapshots: {
    sources: `/statistics (P/Es, EPS ttm, market cap, shares; ${TWELVEDATA_STATISTICS_CREDITS} API credits) and /quote (the price; 1 credit), one ticker each`,
    snapshotsPerRequest: 1,
    requestsPerSnapshot: TWELVEDATA_STATISTICS_CREDITS + 1,
    plans: `/statistics weighs ${TWELVEDATA_STATISTICS_CREDITS} credits, more than the free plan's 8 a minute: refused there before any request (plan-limit); Twelve Data refuses it on plans without fundamentals (plan-limit)`,
    earnings: { unavailable: TWELVEDATA_NO_EARNINGS },
    create: (options) => new TwelveDataSnapshotProvider(options),
  },
  quotes: {
    endpoint: "/quote?symbol=A,B (comma-separated, up to 120, one exchange a request), one API credit per symbol",
    quotesPerRequest: TWELVEDATA_QUOTES_PER_REQUEST,
    costPerTicker: true,
    delay: "not stated",
    create: (options) => new TwelveDataQuoteProvider(options),
  },
};
