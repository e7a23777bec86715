import type { Basket } from "../../../../src/baskets/basket";
import { FORMULAS } from "../../../../src/functions/catalog";
import { benchmarkLabel } from "../../../../src/workbook";
import { METRIC_COLUMNS } from "../../../../src/taskpane/features/sector-table/sector-metrics";
import { BENCHMARK, MEMBERS, sectorTableLayout } from "../../../../src/taskpane/features/sector-table/sector-table-layout";

const basket: Basket = { name: "MidCapKings", label: "Mid-cap kings", tickers: ["CAT", "DCI", "TTMI"], preset: false };

describe("sectorTableLayout", () => {
  const layout = sectorTableLayout({
    basket,
    metrics: ["rsi", "returnYTD", "crossDate"],
    benchmark: { kind: "ticker", ticker: "IWM" },
    summaryPeriod: "3M",
  });

  it("titles the table with label and name and keeps the metric order", () => {
    expect(layout.title).toBe("Mid-cap kings (MidCapKings)");
    expect(layout.headers).toEqual(["Ticker", "RSI(14)", "YTD", "Cross date"]);
    expect(layout.columns).toEqual([METRIC_COLUMNS.rsi, METRIC_COLUMNS.returnYTD, METRIC_COLUMNS.crossDate]);
    expect(layout.tickers).toEqual(["CAT", "DCI", "TTMI"]);
  });

  it("summarises return, spread against the benchmark and breadth", () => {
    expect(layout.summary).toEqual([
      { label: "Basket return 3M", fn: "TOTAL_RETURN", args: [MEMBERS, "3M"], format: "percent" },
      { label: "Spread vs IWM 3M", fn: "ROTATION_SPREAD", args: [MEMBERS, BENCHMARK, "3M"], format: "percent" },
      { label: "Breadth (above SMA 50)", fn: "BREADTH", args: [MEMBERS, 50], format: "percent" },
    ]);
    for (const line of layout.summary) expect(FORMULAS[line.fn].params.length).toBeGreaterThanOrEqual(line.args.length);
  });

  it("adds the aggregate forward P/E and its gap to the benchmark when the table has a valuation column", () => {
    const valued = sectorTableLayout({
      basket,
      metrics: ["price", "forwardPE", "marketCap", "livePrice"],
      benchmark: { kind: "ticker", ticker: "IWM" },
      summaryPeriod: "YTD",
    });
    expect(valued.headers).toEqual(["Ticker", "Last", "Fwd P/E", "Mkt cap", "Live"]);
    expect(valued.columns.map((column) => column.format)).toEqual(["price", "multiple", "billions", "price"]);
    expect(valued.summary.slice(3)).toEqual([
      { label: "Forward P/E (aggregate)", fn: "VALUATION", args: [MEMBERS, "forward_pe", "aggregate"], format: "multiple" },
      // A single-ticker benchmark is usually a fund, which has no forward P/E: the gap is on trailing P/Es.
      { label: "Trailing P/E gap vs IWM", fn: "VALUATION_GAP", args: [MEMBERS, BENCHMARK, "trailing_pe", "aggregate"], format: "percent" },
    ]);
    const againstBasket = sectorTableLayout({
      basket: { name: "Growth", label: "Growth", tickers: ["AAPL"], preset: false },
      metrics: ["forwardPE"],
      benchmark: { kind: "basket", basket: { name: "MidCaps", label: "Mid caps", tickers: ["CASY"], preset: false } },
      summaryPeriod: "YTD",
    });
    expect(againstBasket.summary.at(-1)).toEqual({
      label: "Fwd P/E gap vs MidCaps",
      fn: "VALUATION_GAP",
      args: [MEMBERS, BENCHMARK, "forward_pe", "aggregate"],
      format: "percent",
    });
    for (const line of valued.summary) expect(FORMULAS[line.fn].params.length).toBeGreaterThanOrEqual(line.args.length);
    // Live columns alone add nothing to the summary.
    const live = sectorTableLayout({
      basket,
      metrics: ["livePrice", "liveChange"],
      benchmark: { kind: "ticker", ticker: "IWM" },
      summaryPeriod: "YTD",
    });
    expect(live.summary).toHaveLength(3);
  });

  it("names a basket benchmark by its workbook name", () => {
    const benchmark = { kind: "basket", basket: { ...basket, name: "SmallCaps" } } as const;
    expect(benchmarkLabel(benchmark)).toBe("SmallCaps");
    const withBasket = sectorTableLayout({ basket, metrics: ["price"], benchmark, summaryPeriod: "YTD" });
    expect(withBasket.summary[1].label).toBe("Spread vs SmallCaps YTD");
  });

  it("refuses an empty basket or no metrics", () => {
    const base = { basket, metrics: ["price" as const], benchmark: { kind: "ticker" as const, ticker: "SPY" }, summaryPeriod: "YTD" };
    expect(() => sectorTableLayout({ ...base, basket: { ...basket, tickers: [] } })).toThrow("Basket MidCapKings has no tickers");
    expect(() => sectorTableLayout({ ...base, metrics: [] })).toThrow("Pick at least one metric");
  });
});
