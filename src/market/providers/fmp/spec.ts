import { providerTakesKeys } from "../../core";
import type { ProviderSpec } from "../shared";
import { FmpSnapshotProvider } from "./fundamentals";
import { FmpProvider, DEFAULT_FMP_URL, FMP_LABEL } from "./client";
import { FMP_PLANS } from "./plans";
import { FMP_QUOTES_PER_REQUEST, FmpQuoteProvider } from "./quote";

export const FMP_SPEC: ProviderSpec = {
  name: "fmp",
  label: FMP_LABEL,
  defaultBaseUrl: DEFAULT_FMP_URL,
  knownHosts: ["financialmodelingprep.com"],
  keyRequired: providerTakesKeys("fmp"),
  // 32 letters and digits (financialmodelingprep.com dashboard keys).
  keyPattern: { regex: /^[A-Za-z0-9]{32}$/, description: "32 letters and digits" },
  // ~350 bytes a bar with its extra columns: a 60-year history (~16,000 bars) is about 5.6 MB.
  maxBodyBytes: 16 * 1024 * 1024,
  adjustedCloses: false,
  supportsSince: true,
  // Free and paid plans, with their sources: ./plans.ts.
  plans: FMP_PLANS,
  create: (options) => new FmpProvider(options),
  snapshots: {
    sources:
      "/stable/profile (price, currency, market cap, fund or not), /stable/ratios-ttm (P/E, EPS ttm), /stable/analyst-estimates (next fiscal year's EPS), one ticker each",
    snapshotsPerRequest: 1,
    requestsPerSnapshot: 3,
    plans:
      "a ratio or estimate the key's plan refuses leaves that field null with a note; listings outside the US are refused on the free plan (plan-limit)",
    earnings: { endpoint: "/stable/earnings (report dates and reported EPS; no fiscal periods)" },
    create: (options) => new FmpSnapshotProvider(options),
  },
  quotes: {
    endpoint:
      "/stable/batch-quote?symbols=… (50 a request); after a plan refusal of it, /stable/quote?symbol=… one ticker a request (quotesPerRequest then 1)",
    quotesPerRequest: FMP_QUOTES_PER_REQUEST,
    costPerTicker: false,
    delay: "not stated (no currency either)",
    create: (options) => new FmpQuoteProvider(options),
  },
};
