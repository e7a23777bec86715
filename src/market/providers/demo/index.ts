/** Synthetic, deterministic histories for offline use: never a fallback for a failing real provider. */
export { DEMO_FIRST_DAY, DemoProvider, demoSeries } from "./client";
export { DEMO_SPEC } from "./spec";
export { DEMO_EARNINGS_YEARS, demoEarnings, demoKind, DemoMarketProvider, demoSnapshot, DemoSnapshotProvider } from "./fundamentals";
export { DEMO_PLANS } from "./plans";
export { DEMO_QUOTE_STEP_MS, DemoQuoteProvider } from "./quote";
