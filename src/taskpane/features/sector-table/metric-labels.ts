import type { SectorMetric } from "../../../workbook";

/** Checkbox labels of the metrics: fuller than the column headers. */
export const METRIC_LABELS: Readonly<Record<SectorMetric, string>> = {
  price: "Last price",
  return1M: "Return 1M",
  return3M: "Return 3M",
  returnYTD: "Return YTD",
  rsi: "RSI (14)",
  sma50: "SMA 50",
  sma200: "SMA 200",
  regime: "Regime (50/200)",
  crossDate: "Last cross date",
  distance200: "Distance to SMA 200",
  trailingPE: "Trailing P/E",
  forwardPE: "Forward P/E",
  earningsGrowth: "Earnings growth",
  marketCap: "Market cap ($bn)",
  livePrice: "Live price",
  liveChange: "Change today",
};
