/** Synthetic, deterministic histories for offline use: never a fallback for a failing real provider. */
export { DEMO_FIRST_DAY, DemoProvider, demoSeries } from "./client";
export { DEMO_SPEC } from "./spec";
