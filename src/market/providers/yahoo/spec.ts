import { providerTakesKeys } from "../../core";
import type { ProviderSpec } from "../shared";
import { YahooProvider, DEFAULT_YAHOO_URL } from "./client";
import { YAHOO_NO_EARNINGS, YAHOO_QUOTES_PER_REQUEST, YahooSnapshotProvider } from "./fundamentals";
import { YAHOO_PLANS } from "./plans";
import { YahooQuoteProvider } from "./quote";

export const YAHOO_SPEC: ProviderSpec = {
  name: "yahoo",
  label: "Yahoo Finance",
  defaultBaseUrl: DEFAULT_YAHOO_URL,
  knownHosts: ["query1.finance.yahoo.com", "query2.finance.yahoo.com"],
  keyRequired: providerTakesKeys("yahoo"),
  keyPattern: null,
  // ~250 bytes of chart JSON a bar: ^GSPC since 1927 (~24,700 bars) is about 6 MB, a 30-year history under 2 MB.
  maxBodyBytes: 16 * 1024 * 1024,
  adjustedCloses: true,
  supportsSince: true,
  // Free and paid plans, with their sources: ./plans.ts.
  plans: YAHOO_PLANS,
  create: (options) => new YahooProvider(options),
  snapshots: {
    sources:
      "v7 quote, 50 symbols a request, with Yahoo's cookie-and-crumb flow (cookie page, crumb: once per session, again after a 401); quoteSummary (summaryDetail, defaultKeyStatistics, financialData, price, earningsTrend) for an equity whose quote lacks an EPS figure",
    snapshotsPerRequest: YAHOO_QUOTES_PER_REQUEST,
    requestsPerSnapshot: 2,
    plans: "Yahoo has no plans: everything is served to everyone, within the pacing above",
    earnings: { unavailable: YAHOO_NO_EARNINGS },
    create: (options) => new YahooSnapshotProvider(options),
  },
  quotes: {
    endpoint: "v7 quote, 50 symbols a request, with the cookie-and-crumb session valuation uses (renewed once after a 401)",
    quotesPerRequest: YAHOO_QUOTES_PER_REQUEST,
    costPerTicker: false,
    delay: "stated per quote: exchangeDataDelayedBy (0 for US listings, 15 for London and Milan)",
    create: (options) => new YahooQuoteProvider(options),
  },
};
