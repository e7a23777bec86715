import { checkBenchmark } from "../../../../src/taskpane/common/table-form/benchmark-draft";

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
    expect(checkBenchmark({ kind: "basket", ticker: "", basketName: "Cloud" }, baskets, ["Growth"]).benchmark).toEqual({
      kind: "basket",
      basket: cloud,
    });
    expect(checkBenchmark({ kind: "basket", ticker: "", basketName: "Growth" }, baskets, ["Growth"]).message).toMatch(/its own benchmark/);
    expect(checkBenchmark({ kind: "basket", ticker: "", basketName: "" }, baskets, []).message).toBe("Choose the benchmark basket.");
  });
});
