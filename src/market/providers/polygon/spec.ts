import { providerTakesKeys } from "../../core";
import type { ProviderSpec } from "../shared";
import { PolygonSnapshotProvider } from "./fundamentals";
import { PolygonProvider, DEFAULT_POLYGON_URL, POLYGON_KNOWN_HOSTS, POLYGON_LABEL } from "./client";
import { POLYGON_PLANS } from "./plans";
import { POLYGON_QUOTES_PER_REQUEST, PolygonQuoteProvider } from "./quote";

export const POLYGON_SPEC: ProviderSpec = {
  name: "polygon",
  label: POLYGON_LABEL,
  defaultBaseUrl: DEFAULT_POLYGON_URL,
  knownHosts: POLYGON_KNOWN_HOSTS,
  keyRequired: providerTakesKeys("polygon"),
  // 32 characters (Polygon/Massive dashboard keys): letters and digits; _ and - are accepted too because the
  // character set is not documented (lenient on purpose).
  keyPattern: { regex: /^[A-Za-z0-9_-]{32}$/, description: "32 letters, digits, _ or -" },
  // One aggregates page holds up to 50,000 bars at ~110 bytes: a 60-year history is about 2 MB.
  maxBodyBytes: 8 * 1024 * 1024,
  adjustedCloses: false,
  supportsSince: true,
  // Free and paid plans, with their sources: ./plans.ts.
  plans: POLYGON_PLANS,
  create: (options) => new PolygonProvider(options),
  snapshots: {
    sources:
      "/v3/reference/tickers/{ticker} (market cap, shares, currency, type), /v2/aggs/ticker/{ticker}/prev (the price), /vX/reference/financials (diluted EPS per quarter), one ticker each",
    snapshotsPerRequest: 1,
    requestsPerSnapshot: 3,
    plans:
      "Polygon publishes no P/E or forward EPS on any plan; a plan that refuses the financials or the bar leaves EPS or price null with a note, one that refuses the details is plan-limit",
    earnings: { endpoint: "/vX/reference/financials?timeframe=quarterly (diluted EPS, period end, SEC filing date)" },
    create: (options) => new PolygonSnapshotProvider(options),
  },
  quotes: {
    endpoint: "stocks snapshot, /v2/snapshot/locale/us/markets/stocks/tickers?tickers=A,B (100 a request); not on the free plan",
    quotesPerRequest: POLYGON_QUOTES_PER_REQUEST,
    costPerTicker: false,
    delay: 'stated only as "status": "DELAYED" (15 minutes) on delayed plans',
    create: (options) => new PolygonQuoteProvider(options),
  },
};
