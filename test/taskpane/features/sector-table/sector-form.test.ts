import { checkSectorForm, initialSectorForm, rememberedMetrics } from "../../../../src/taskpane/features/sector-table/sector-form";
import { ALL_METRICS } from "../../../../src/taskpane/features/sector-table/sector-metrics";

const growth = { name: "Growth", label: "Growth", tickers: ["TSLA", "AAPL"], preset: false };
const cloud = { name: "Cloud", label: "Cloud", tickers: ["AMZN"], preset: false };
const baskets = [growth, cloud];

describe("sector table form", () => {
  it("builds the request, metrics in the table's order whatever order they were ticked in", () => {
    const check = checkSectorForm({ ...initialSectorForm(), basketName: "Growth", metrics: ["rsi", "price"] }, baskets);
    expect(check.request).toEqual({
      basket: growth,
      metrics: ["price", "rsi"],
      benchmark: { kind: "ticker", ticker: "SPY" },
      summaryPeriod: "YTD",
    });
  });

  it("asks for a basket and at least one metric", () => {
    const check = checkSectorForm({ ...initialSectorForm(), metrics: [] }, baskets);
    expect(check).toMatchObject({
      basketMessage: "Choose a basket.",
      metricsMessage: "Pick at least one metric or column.",
      request: null,
    });
    expect(initialSectorForm().metrics).toEqual(ALL_METRICS);
  });

  it("puts valuation columns after the price metrics and live columns last, however they were ticked", () => {
    const draft = { ...initialSectorForm(), basketName: "Growth", metrics: ["liveChange", "marketCap", "rsi", "forwardPE"] as const };
    expect(checkSectorForm({ ...draft, metrics: [...draft.metrics] }, baskets).request?.metrics).toEqual([
      "rsi",
      "forwardPE",
      "marketCap",
      "liveChange",
    ]);
  });

  it("remembers only known columns, and nothing from a broken or empty record", () => {
    expect(rememberedMetrics(["price", "forwardPE", "retired", 3])).toEqual(["price", "forwardPE"]);
    expect(rememberedMetrics([])).toBeNull();
    expect(rememberedMetrics({ price: true })).toBeNull();
    expect(rememberedMetrics(null)).toBeNull();
  });
});
