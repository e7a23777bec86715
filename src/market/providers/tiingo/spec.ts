import { providerTakesKeys } from "../../core";
import type { ProviderSpec } from "../shared";
import { TIINGO_NO_EARNINGS, TiingoSnapshotProvider } from "./fundamentals";
import { TiingoProvider, DEFAULT_TIINGO_URL, TIINGO_LABEL } from "./client";
import { TIINGO_PLANS } from "./plans";
import { TIINGO_QUOTES_PER_REQUEST, TiingoQuoteProvider } from "./quote";

export const TIINGO_SPEC: ProviderSpec = {
  name: "tiingo",
  label: TIINGO_LABEL,
  defaultBaseUrl: DEFAULT_TIINGO_URL,
  knownHosts: ["api.tiingo.com"],
  keyRequired: providerTakesKeys("tiingo"),
  // 40 hexadecimal digits (the token on tiingo.com/account/api/token); either case accepted.
  keyPattern: { regex: /^[0-9A-Fa-f]{40}$/, description: "40 hexadecimal digits (0-9, a-f)" },
  // ~300 bytes a bar with the adjusted columns: a 60-year history (~16,000 bars) is about 5 MB.
  maxBodyBytes: 16 * 1024 * 1024,
  adjustedCloses: true,
  supportsSince: true,
  // Free and paid plans, with their sources: ./plans.ts.
  plans: TIINGO_PLANS,
  create: (options) => new TiingoProvider(options),
  snapshots: {
    sources: "/tiingo/fundamentals/{ticker}/daily (P/E, market cap) and /iex/{ticker} (the price), one ticker each",
    snapshotsPerRequest: 1,
    requestsPerSnapshot: 2,
    plans:
      "daily fundamentals are Tiingo's add-on (free accounts get the Dow 30 only): a ticker the account has none for is plan-limit; Tiingo publishes no EPS there",
    earnings: { unavailable: TIINGO_NO_EARNINGS },
    create: (options) => new TiingoSnapshotProvider(options),
  },
  quotes: {
    endpoint: "IEX top-of-book, /iex/?tickers=a,b (100 a request); US listings only",
    quotesPerRequest: TIINGO_QUOTES_PER_REQUEST,
    costPerTicker: false,
    delay: "not stated (IEX's own last sale and quotes)",
    create: (options) => new TiingoQuoteProvider(options),
  },
};
