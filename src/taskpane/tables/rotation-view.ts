import type { Basket } from "../../baskets/basket";
import type { Benchmark } from "./sector-table-layout";

/** Spread periods of the rotation view, in display order. */
export const ROTATION_PERIODS = ["1M", "3M", "YTD", "1Y"] as const;
export type RotationPeriod = (typeof ROTATION_PERIODS)[number];

/** Several baskets against one benchmark: spreads per period, and relative strength over time. */
export interface RotationViewRequest {
  readonly baskets: readonly Basket[];
  readonly benchmark: Benchmark;
  readonly periods: readonly RotationPeriod[];
  /** How far back the relative-strength chart starts: "1Y" etc. */
  readonly chartSpan: string;
}
