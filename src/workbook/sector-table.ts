import type { Highlight, NumberFormatKind } from "./formats";
import { LayoutFunction, literalArgument, mktCall } from "./formula-text";
import { Benchmark, benchmarkLabel, LiveMetric, PriceMetric, SectorMetric, SectorTableRequest, ValuationMetric } from "./requests";

/**
 * The sector table, described once for every writer: the task pane's Excel writer, its browser
 * preview and the .xlsx writer of `mkt report`. A block of rows from its top-left cell: a title, an
 * Excel table (header row, one row per ticker) with one live MKT formula column per metric, a blank
 * row, then summary lines (label, value) over the table's ticker column.
 */

/**
 * A column of a sector table is one MKT call on the row's ticker (optionally one element of a
 * spilled row), or the ratio of two such calls minus one. The same description is written as an
 * Excel formula into the sheet and evaluated directly in the browser preview.
 */
export type CellExpression =
  | { readonly kind: "call"; readonly fn: LayoutFunction; readonly args: readonly ArgValue[]; readonly pick?: number }
  | { readonly kind: "ratio-minus-one"; readonly numerator: CellExpression; readonly denominator: CellExpression };

/** `TICKER` stands for the row's ticker cell; other values are literals. */
export const TICKER = Symbol("ticker");
export type ArgValue = string | number | null | typeof TICKER;

export interface MetricColumn {
  readonly metric: SectorMetric;
  readonly header: string;
  readonly format: NumberFormatKind;
  readonly value: CellExpression;
  /** Conditional formatting the column gets: RSI bands, signed returns. */
  readonly highlight: Highlight | null;
}

const call = (fn: LayoutFunction, args: readonly ArgValue[], pick?: number): CellExpression => ({ kind: "call", fn, args, pick });

export const METRIC_COLUMNS: Readonly<Record<SectorMetric, MetricColumn>> = {
  price: { metric: "price", header: "Last", format: "price", value: call("PRICE", [TICKER]), highlight: null },
  return1M: { metric: "return1M", header: "1M", format: "percent", value: call("TOTAL_RETURN", [TICKER, "1M"]), highlight: "sign" },
  return3M: { metric: "return3M", header: "3M", format: "percent", value: call("TOTAL_RETURN", [TICKER, "3M"]), highlight: "sign" },
  returnYTD: { metric: "returnYTD", header: "YTD", format: "percent", value: call("TOTAL_RETURN", [TICKER, "YTD"]), highlight: "sign" },
  rsi: { metric: "rsi", header: "RSI(14)", format: "number", value: call("RSI", [TICKER]), highlight: "rsi-bands" },
  sma50: { metric: "sma50", header: "SMA 50", format: "price", value: call("SMA", [TICKER, 50]), highlight: null },
  sma200: { metric: "sma200", header: "SMA 200", format: "price", value: call("SMA", [TICKER, 200]), highlight: null },
  regime: { metric: "regime", header: "Regime", format: "text", value: call("MA_CROSS", [TICKER, 50, 200], 0), highlight: null },
  crossDate: { metric: "crossDate", header: "Cross date", format: "date", value: call("MA_CROSS", [TICKER, 50, 200], 1), highlight: null },
  distance200: {
    metric: "distance200",
    header: "vs SMA 200",
    format: "percent",
    value: { kind: "ratio-minus-one", numerator: call("PRICE", [TICKER, null, "adjclose"]), denominator: call("SMA", [TICKER, 200]) },
    highlight: "sign",
  },
  // Valuation (issue 11): each ticker's own snapshot; P/E is price ÷ EPS, market cap in billions.
  trailingPE: {
    metric: "trailingPE",
    header: "P/E ttm",
    format: "multiple",
    value: call("VALUATION", [TICKER, "trailing_pe"]),
    highlight: null,
  },
  forwardPE: {
    metric: "forwardPE",
    header: "Fwd P/E",
    format: "multiple",
    value: call("VALUATION", [TICKER, "forward_pe"]),
    highlight: null,
  },
  earningsGrowth: {
    metric: "earningsGrowth",
    header: "EPS growth",
    format: "percent",
    value: call("VALUATION", [TICKER, "earnings_growth"]),
    highlight: "sign",
  },
  marketCap: {
    metric: "marketCap",
    header: "Mkt cap",
    format: "billions",
    value: call("VALUATION", [TICKER, "market_cap"]),
    highlight: null,
  },
  // Live (issue 12): streaming QUOTE cells.
  livePrice: { metric: "livePrice", header: "Live", format: "price", value: call("QUOTE", [TICKER, "price"]), highlight: null },
  liveChange: { metric: "liveChange", header: "Today", format: "percent", value: call("QUOTE", [TICKER, "change_pct"]), highlight: "sign" },
};

/** The price metrics, in column order: what `mkt report --metrics all` and a new pane form show. */
export const ALL_METRICS: readonly PriceMetric[] = [
  "price",
  "return1M",
  "return3M",
  "returnYTD",
  "rsi",
  "sma50",
  "sma200",
  "regime",
  "crossDate",
  "distance200",
];
export const DEFAULT_METRICS: readonly SectorMetric[] = ALL_METRICS;
/** Optional valuation columns, in column order (after the price metrics). */
export const VALUATION_METRICS: readonly ValuationMetric[] = ["trailingPE", "forwardPE", "earningsGrowth", "marketCap"];
/** Optional live columns, in column order (last). */
export const LIVE_METRICS: readonly LiveMetric[] = ["livePrice", "liveChange"];
/** Every column a sector table can have, in the order they appear. */
export const SECTOR_METRICS: readonly SectorMetric[] = [...ALL_METRICS, ...VALUATION_METRICS, ...LIVE_METRICS];

export function isValuationMetric(metric: SectorMetric): metric is ValuationMetric {
  return (VALUATION_METRICS as readonly SectorMetric[]).includes(metric);
}

/** `MEMBERS` stands for the table's ticker column (all members); `BENCHMARK` for the benchmark. */
export const MEMBERS = Symbol("members");
export const BENCHMARK = Symbol("benchmark");
export type SummaryArg = string | number | null | typeof MEMBERS | typeof BENCHMARK;

export interface SummaryLine {
  readonly label: string;
  readonly fn: LayoutFunction;
  readonly args: readonly SummaryArg[];
  readonly format: NumberFormatKind;
}

export interface SectorTableLayout {
  readonly title: string;
  readonly headers: readonly string[];
  readonly tickers: readonly string[];
  readonly columns: readonly MetricColumn[];
  readonly summary: readonly SummaryLine[];
}

/** The table a request describes; every writer draws this. */
export function sectorTableLayout(request: SectorTableRequest): SectorTableLayout {
  if (request.basket.tickers.length === 0) throw new Error(`Basket ${request.basket.name} has no tickers`);
  if (request.metrics.length === 0) throw new Error("Pick at least one metric");
  const columns = request.metrics.map((metric) => METRIC_COLUMNS[metric]);
  const period = request.summaryPeriod;
  const against = benchmarkLabel(request.benchmark);
  const summary: SummaryLine[] = [
    { label: `Basket return ${period}`, fn: "TOTAL_RETURN", args: [MEMBERS, period], format: "percent" },
    { label: `Spread vs ${against} ${period}`, fn: "ROTATION_SPREAD", args: [MEMBERS, BENCHMARK, period], format: "percent" },
    { label: "Breadth (above SMA 50)", fn: "BREADTH", args: [MEMBERS, 50], format: "percent" },
  ];
  if (request.metrics.some(isValuationMetric)) summary.push(...valuationSummary(request.benchmark));
  return {
    title: `${request.basket.label} (${request.basket.name})`,
    headers: ["Ticker", ...columns.map((column) => column.header)],
    tickers: request.basket.tickers,
    columns,
    summary,
  };
}

/**
 * With valuation columns, the summary gains the basket's aggregate forward P/E (Σ cap ÷ Σ earnings)
 * and its gap to the benchmark: on forward P/Es against a basket, on trailing P/Es against a single
 * ticker, since the usual one is a fund (SPY) and providers publish no forward P/E for funds.
 */
export function valuationSummary(benchmark: Benchmark): SummaryLine[] {
  const against = benchmarkLabel(benchmark);
  const gap: SummaryLine =
    benchmark.kind === "basket"
      ? {
          label: `Fwd P/E gap vs ${against}`,
          fn: "VALUATION_GAP",
          args: [MEMBERS, BENCHMARK, "forward_pe", "aggregate"],
          format: "percent",
        }
      : {
          label: `Trailing P/E gap vs ${against}`,
          fn: "VALUATION_GAP",
          args: [MEMBERS, BENCHMARK, "trailing_pe", "aggregate"],
          format: "percent",
        };
  return [{ label: "Forward P/E (aggregate)", fn: "VALUATION", args: [MEMBERS, "forward_pe", "aggregate"], format: "multiple" }, gap];
}

/** Where each part of the block goes, in rows and columns relative to its top-left cell. */
export interface SectorBlock {
  readonly titleRow: number;
  readonly headerRow: number;
  readonly firstBodyRow: number;
  readonly bodyRows: number;
  readonly summaryRow: number;
  readonly rows: number;
  readonly columns: number;
}

/** Title row, header row, one row per ticker, a blank row, then the summary lines. */
export function sectorBlock(layout: SectorTableLayout): SectorBlock {
  const bodyRows = layout.tickers.length;
  const summaryRow = 2 + bodyRows + 1;
  return {
    titleRow: 0,
    headerRow: 1,
    firstBodyRow: 2,
    bodyRows,
    summaryRow,
    rows: summaryRow + layout.summary.length,
    columns: layout.headers.length,
  };
}

/** The layout's first column holds the tickers; formulas refer to it by its header. */
export function tickerHeader(layout: SectorTableLayout): string {
  return layout.headers[0];
}

/** The table's name for a basket, before making it unique in the workbook: `Mag_7_Sector`. */
export function sectorTableBaseName(basketName: string): string {
  return `${basketName}_Sector`;
}

function argText(arg: ArgValue, tickerRef: string): string {
  return arg === TICKER ? tickerRef : literalArgument(arg);
}

function expressionText(expression: CellExpression, tickerRef: string): string {
  if (expression.kind === "ratio-minus-one") {
    return `${expressionText(expression.numerator, tickerRef)}/${expressionText(expression.denominator, tickerRef)}-1`;
  }
  const text = mktCall(
    expression.fn,
    expression.args.map((arg) => argText(arg, tickerRef)),
  );
  return expression.pick === undefined ? text : `INDEX(${text},1,${expression.pick + 1})`;
}

/** The cell formula for a column, with `tickerRef` (e.g. `[@Ticker]` in a table) for the row's ticker. */
export function cellFormula(expression: CellExpression, tickerRef: string): string {
  return `=${expressionText(expression, tickerRef)}`;
}

/** A summary line's formula: MEMBERS is the table's ticker column, BENCHMARK the ticker or basket. */
export function summaryFormula(fn: LayoutFunction, args: readonly SummaryArg[], members: string, benchmark: string): string {
  const text = args.map((arg) => {
    if (arg === MEMBERS) return members;
    if (arg === BENCHMARK) return benchmark;
    return literalArgument(arg);
  });
  return `=${mktCall(fn, text)}`;
}

/** `Mag_7_Sector[Ticker]`: the table's ticker column, as the summary formulas name the members. */
export function membersReference(tableName: string, layout: SectorTableLayout): string {
  return `${tableName}[${tickerHeader(layout)}]`;
}
