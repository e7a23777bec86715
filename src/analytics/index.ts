export { sma } from "./sma";
export { ema } from "./ema";
export { rsi } from "./rsi";
export { macd, type MacdResult } from "./macd";
export { maCrosses, smaCrosses, lastCrossOnOrBefore, regimeAt, type CrossKind, type MaCross } from "./crosses";
export { totalReturn, basketReturn, rotationSpread } from "./returns";
export { relativeStrength, relativeStrengthSeries } from "./relative-strength";
export { breadth } from "./breadth";
export { indexOnOrBefore } from "./index-on-or-before";
export { barsNeeded } from "./bars-needed";
export {
  aggregateEarningsYield,
  aggregateGrowth,
  aggregatePe,
  countCoverage,
  harmonicPe,
  meanOfFinite,
  medianOfFinite,
  medianPe,
  sumOfPositive,
  weightedCoverage,
} from "./valuation";
export {
  SPLIT_FACTORS,
  splitLikeMove,
  trailingEpsAsOf,
  type QuarterColumns,
  type SplitLikeMove,
  type TrailingEps,
} from "./valuation-point-in-time";
