import { checkBenchmark } from "../../../../src/taskpane/state/benchmark-draft";
import { checkRotationForm, initialRotationForm } from "../../../../src/taskpane/state/rotation-form";
import { checkSectorForm, initialSectorForm } from "../../../../src/taskpane/state/sector-form";
import { ALL_METRICS } from "../../../../src/taskpane/tables/sector-metrics";

const growth = { name: "Growth", label: "Growth", tickers: ["TSLA", "AAPL"], preset: false };
const cloud = { name: "Cloud", label: "Cloud", tickers: ["AMZN"], preset: false };
const baskets = [growth, cloud];

describe("benchmark", () => {
  it("normalizes a ticker and explains a bad one", () => {
    expect(checkBenchmark({ kind: "ticker", ticker: " qqq ", basketName: "" }, baskets, [])).toEqual({
      message: null,
      benchmark: { kind: "ticker", ticker: "QQQ" },
    });
    expect(checkBenchmark({ kind: "ticker", ticker: "Q Q", basketName: "" }, baskets, []).message).toMatch(/Invalid ticker "Q Q"/);
    expect(checkBenchmark({ kind: "ticker", ticker: "", basketName: "" }, baskets, []).message).toMatch(/Enter a benchmark ticker/);
  });

  it("takes another basket, never one being measured", () => {
    expect(checkBenchmark({ kind: "basket", ticker: "", basketName: "Cloud" }, baskets, ["Growth"]).benchmark).toEqual({ kind: "basket", basket: cloud });
    expect(checkBenchmark({ kind: "basket", ticker: "", basketName: "Growth" }, baskets, ["Growth"]).message).toMatch(/its own benchmark/);
    expect(checkBenchmark({ kind: "basket", ticker: "", basketName: "" }, baskets, []).message).toBe("Choose the benchmark basket.");
  });
});

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
    expect(check).toMatchObject({ basketMessage: "Choose a basket.", metricsMessage: "Pick at least one metric.", request: null });
    expect(initialSectorForm().metrics).toEqual(ALL_METRICS);
  });
});

describe("rotation view form", () => {
  it("builds the request for the ticked baskets and periods", () => {
    const check = checkRotationForm({ ...initialRotationForm(), basketNames: ["Cloud", "Growth"], periods: ["YTD", "1M"] }, baskets);
    expect(check.request).toEqual({
      baskets: [growth, cloud],
      benchmark: { kind: "ticker", ticker: "SPY" },
      periods: ["1M", "YTD"],
      chartSpan: "1Y",
    });
  });

  it("asks for a basket and a period", () => {
    expect(checkRotationForm({ ...initialRotationForm(), periods: [] }, baskets)).toMatchObject({
      basketsMessage: "Pick at least one basket to compare.",
      periodsMessage: "Pick at least one period.",
      request: null,
    });
  });
});
