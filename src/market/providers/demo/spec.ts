import { providerTakesKeys } from "../../core";
import type { ProviderSpec } from "../shared";
import { DemoMarketProvider, DemoSnapshotProvider } from "./fundamentals";
import { DEMO_PLANS } from "./plans";
import { DemoQuoteProvider } from "./quote";

export const DEMO_SPEC: ProviderSpec = {
  name: "demo",
  label: "Demo (synthetic data)",
  defaultBaseUrl: "http://demo.invalid",
  knownHosts: [],
  keyRequired: providerTakesKeys("demo"),
  keyPattern: null,
  maxBodyBytes: 1024 * 1024, // never fetches
  adjustedCloses: true,
  supportsSince: false,
  plans: DEMO_PLANS,
  // Histories and, on the same object, the demo fundamentals.
  create: (options) => new DemoMarketProvider({ now: options.now }),
  snapshots: {
    sources: "synthetic, made in-process from the demo history: a snapshot for any valid ticker, 12 years of quarterly EPS for equities",
    snapshotsPerRequest: 500,
    requestsPerSnapshot: 0,
    plans: "no plans: nothing is fetched",
    earnings: { endpoint: "synthetic quarters, reported about 30 days after each calendar quarter ends" },
    create: (options) => new DemoSnapshotProvider({ now: options.now }),
  },
  quotes: {
    endpoint: "synthetic, made in-process: a new price every 5 seconds of a US session, consistent with the demo history",
    quotesPerRequest: 500,
    costPerTicker: false,
    delay: "none: synthetic quotes are current (delay 0)",
    create: (options) => new DemoQuoteProvider({ now: options.now }),
  },
};
