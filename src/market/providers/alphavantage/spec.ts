import { providerTakesKeys } from "../../core";
import type { ProviderSpec } from "../shared";
import { AlphaVantageSnapshotProvider } from "./fundamentals";
import { AlphaVantageProvider, ALPHAVANTAGE_LABEL, DEFAULT_ALPHAVANTAGE_URL } from "./client";
import { ALPHAVANTAGE_PLANS } from "./plans";
import { AlphaVantageQuoteProvider } from "./quote";

export const ALPHAVANTAGE_SPEC: ProviderSpec = {
  name: "alphavantage",
  label: ALPHAVANTAGE_LABEL,
  defaultBaseUrl: DEFAULT_ALPHAVANTAGE_URL,
  knownHosts: ["www.alphavantage.co", "alphavantage.co"],
  keyRequired: providerTakesKeys("alphavantage"),
  // 16 capital letters and digits (every key alphavantage.co issues, e.g. in its support pages); either case accepted.
  keyPattern: { regex: /^[A-Za-z0-9]{16}$/, description: "16 letters and digits" },
  // outputsize=full since 1999 is ~6,700 bars, about 1.3 MB of indented JSON.
  maxBodyBytes: 8 * 1024 * 1024,
  adjustedCloses: false,
  supportsSince: false,
  // Free and paid plans, with their sources: ./plans.ts.
  plans: ALPHAVANTAGE_PLANS,
  create: (options) => new AlphaVantageProvider(options),
  snapshots: {
    sources: "OVERVIEW (EPS ttm, P/Es, market cap, shares, currency) and GLOBAL_QUOTE (the price), one ticker each",
    snapshotsPerRequest: 1,
    requestsPerSnapshot: 2,
    plans:
      "every plan has OVERVIEW, GLOBAL_QUOTE and EARNINGS; on the free plan's 25 requests a day a snapshot takes two and a history of quarters one",
    earnings: { endpoint: "EARNINGS (quarterlyEarnings: fiscalDateEnding, reportedDate, reportedEPS)" },
    create: (options) => new AlphaVantageSnapshotProvider(options),
  },
  quotes: {
    endpoint: "GLOBAL_QUOTE, one ticker a request (REALTIME_BULK_QUOTES is premium)",
    quotesPerRequest: 1,
    costPerTicker: false,
    delay: "not stated; the quote is dated by its trading day only, so its time is unknown",
    create: (options) => new AlphaVantageQuoteProvider(options),
  },
};
