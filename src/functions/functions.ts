/* The MKT custom functions as Excel registers them. Ids are stable forever: workbooks store them.
 * Each one only forwards to the catalog; custom-functions-metadata-plugin reads the JSDoc below
 * to write functions.json and appends the CustomFunctions.associate calls. Ticker parameters are `any`,
 * not `string`: with allowCustomDataForDataTypeAny (functions.json), only `any` parameters receive a
 * Stocks data type cell as its entity value (see args/cell-values.ts).
 * Each function also asks for its cell's address (@requiresAddress, CustomFunctionsRuntime 1.1):
 * Excel passes a CustomFunctions.Invocation after the declared parameters (the metadata leaves it
 * out of the parameters), so a cell the plan's limits refused can be recorded for the pane's
 * "Retry now", which recalculates only those cells. */
import { evaluateFormula, FormulaName, FormulaValue } from "./catalog";
import type { FormulaError } from "./errors";
import { streamQuote } from "./impl/quote";

function excelError(error: FormulaError): CustomFunctions.Error {
  const code = error.code === "#VALUE!" ? CustomFunctions.ErrorCode.invalidValue : CustomFunctions.ErrorCode.notAvailable;
  return new CustomFunctions.Error(code, error.message);
}

async function excel<T extends FormulaValue>(name: FormulaName, args: unknown[], invocation?: CustomFunctions.Invocation): Promise<T> {
  const outcome = await evaluateFormula(name, args, { address: invocation?.address ?? null });
  if (outcome.ok) return outcome.value as T;
  throw excelError(outcome.error);
}

/**
 * Price of a ticker on a date: the close (or another field) of the last session on or before it.
 * @customfunction PRICE
 * @param ticker Ticker, e.g. "IWM", or a cell holding a Stocks data type.
 * @param [date] Date, ISO text or period such as "1M"; omitted: the latest session.
 * @param [field] "close" (default), "open", "high", "low", "adjclose" or "volume".
 * @param invocation The calling cell (its address), passed by Excel.
 * @returns The price.
 * @requiresAddress
 */
function price(ticker: any, date?: any, field?: string, invocation?: CustomFunctions.Invocation): Promise<number> {
  return excel("PRICE", [ticker, date, field], invocation);
}

/**
 * Daily history as a table, like STOCKHISTORY. Dates come back as Excel dates.
 * @customfunction HISTORY
 * @param ticker Ticker, e.g. "QQQ", or a cell holding a Stocks data type.
 * @param start First date, ISO text or period such as "3M".
 * @param [end] Last date; omitted: the latest session.
 * @param [fields] Columns: "date,close" (default), or names among date, open, high, low, close, adjclose, volume, or STOCKHISTORY numbers.
 * @param [headers] 0 none, 1 column names (default), 2 ticker and column names.
 * @param invocation The calling cell (its address), passed by Excel.
 * @returns The table.
 * @requiresAddress
 */
function history(
  ticker: any,
  start: any,
  end?: any,
  fields?: any,
  headers?: any,
  invocation?: CustomFunctions.Invocation,
): Promise<any[][]> {
  return excel("HISTORY", [ticker, start, end, fields, headers], invocation);
}

/**
 * Total return from adjusted closes, as a fraction; several tickers give their equal-weight mean.
 * @customfunction TOTAL_RETURN
 * @param tickers A ticker, a comma list or a range of tickers (e.g. a basket name).
 * @param start Start date, ISO text or period: "YTD", "MTD", "QTD", "1W", "1M", "3M", "6M", "1Y", "3Y", "5Y".
 * @param [end] End date; omitted: the latest session.
 * @param invocation The calling cell (its address), passed by Excel.
 * @returns The return, e.g. 0.08 for 8%.
 * @requiresAddress
 */
function totalReturn(tickers: any[][], start: any, end?: any, invocation?: CustomFunctions.Invocation): Promise<number> {
  return excel("TOTAL_RETURN", [tickers, start, end], invocation);
}

/**
 * Rotation spread: basket A's return minus basket B's over the same window.
 * @customfunction ROTATION_SPREAD
 * @param basketA Tickers of the basket money rotates into (ticker, comma list or range).
 * @param basketB Tickers of the basket it rotates out of.
 * @param start Start date, ISO text or period such as "YTD".
 * @param [end] End date; omitted: the latest session.
 * @param invocation The calling cell (its address), passed by Excel.
 * @returns TOTAL_RETURN(A) − TOTAL_RETURN(B) as a fraction.
 * @requiresAddress
 */
function rotationSpread(
  basketA: any[][],
  basketB: any[][],
  start: any,
  end?: any,
  invocation?: CustomFunctions.Invocation,
): Promise<number> {
  return excel("ROTATION_SPREAD", [basketA, basketB, start, end], invocation);
}

/**
 * Relative strength of A against B over a window: (1 + TOTAL_RETURN(a)) / (1 + TOTAL_RETURN(b)) − 1.
 * @customfunction RELATIVE_STRENGTH
 * @param a Tickers (ticker, comma list or range).
 * @param b Benchmark tickers.
 * @param start Start date, ISO text or period such as "3M".
 * @param [end] End date; omitted: the latest session.
 * @param invocation The calling cell (its address), passed by Excel.
 * @returns Relative strength as a fraction.
 * @requiresAddress
 */
function relativeStrength(a: any[][], b: any[][], start: any, end?: any, invocation?: CustomFunctions.Invocation): Promise<number> {
  return excel("RELATIVE_STRENGTH", [a, b, start, end], invocation);
}

/**
 * Simple moving average of adjusted closes on a date.
 * @customfunction SMA
 * @param ticker Ticker, or a cell holding a Stocks data type.
 * @param period Number of sessions, e.g. 50.
 * @param [date] Date; omitted: the latest session.
 * @param invocation The calling cell (its address), passed by Excel.
 * @returns The average.
 * @requiresAddress
 */
function sma(ticker: any, period: number, date?: any, invocation?: CustomFunctions.Invocation): Promise<number> {
  return excel("SMA", [ticker, period, date], invocation);
}

/**
 * Exponential moving average of adjusted closes on a date (seeded with the simple average).
 * @customfunction EMA
 * @param ticker Ticker, or a cell holding a Stocks data type.
 * @param period Number of sessions, e.g. 21.
 * @param [date] Date; omitted: the latest session.
 * @param invocation The calling cell (its address), passed by Excel.
 * @returns The average.
 * @requiresAddress
 */
function ema(ticker: any, period: number, date?: any, invocation?: CustomFunctions.Invocation): Promise<number> {
  return excel("EMA", [ticker, period, date], invocation);
}

/**
 * Wilder's relative strength index on a date.
 * @customfunction RSI
 * @param ticker Ticker, or a cell holding a Stocks data type.
 * @param [period] Number of sessions; default 14.
 * @param [date] Date; omitted: the latest session.
 * @param invocation The calling cell (its address), passed by Excel.
 * @returns RSI from 0 to 100.
 * @requiresAddress
 */
function rsi(ticker: any, period?: number, date?: any, invocation?: CustomFunctions.Invocation): Promise<number> {
  return excel("RSI", [ticker, period, date], invocation);
}

/**
 * MACD on a date, as one row: MACD line, signal line, histogram.
 * @customfunction MACD
 * @param ticker Ticker, or a cell holding a Stocks data type.
 * @param [fast] Fast EMA period; default 12.
 * @param [slow] Slow EMA period; default 26.
 * @param [signal] Signal EMA period; default 9.
 * @param [date] Date; omitted: the latest session.
 * @param invocation The calling cell (its address), passed by Excel.
 * @returns MACD, signal and histogram.
 * @requiresAddress
 */
function macd(
  ticker: any,
  fast?: number,
  slow?: number,
  signal?: number,
  date?: any,
  invocation?: CustomFunctions.Invocation,
): Promise<number[][]> {
  return excel("MACD", [ticker, fast, slow, signal, date], invocation);
}

/**
 * Date of the latest golden cross (fast average crossing above the slow one) on or before a date.
 * @customfunction GOLDEN_CROSS
 * @param ticker Ticker, or a cell holding a Stocks data type.
 * @param [fast] Fast SMA period; default 50.
 * @param [slow] Slow SMA period; default 200.
 * @param [date] Date; omitted: the latest session.
 * @param invocation The calling cell (its address), passed by Excel.
 * @returns The cross's date as an Excel date.
 * @requiresAddress
 */
function goldenCross(ticker: any, fast?: number, slow?: number, date?: any, invocation?: CustomFunctions.Invocation): Promise<number> {
  return excel("GOLDEN_CROSS", [ticker, fast, slow, date], invocation);
}

/**
 * Date of the latest death cross (fast average crossing below the slow one) on or before a date.
 * @customfunction DEATH_CROSS
 * @param ticker Ticker, or a cell holding a Stocks data type.
 * @param [fast] Fast SMA period; default 50.
 * @param [slow] Slow SMA period; default 200.
 * @param [date] Date; omitted: the latest session.
 * @param invocation The calling cell (its address), passed by Excel.
 * @returns The cross's date as an Excel date.
 * @requiresAddress
 */
function deathCross(ticker: any, fast?: number, slow?: number, date?: any, invocation?: CustomFunctions.Invocation): Promise<number> {
  return excel("DEATH_CROSS", [ticker, fast, slow, date], invocation);
}

/**
 * Moving-average regime as one row: "golden" or "death", the date of that cross, sessions since.
 * @customfunction MA_CROSS
 * @param ticker Ticker, or a cell holding a Stocks data type.
 * @param [fast] Fast SMA period; default 50.
 * @param [slow] Slow SMA period; default 200.
 * @param [date] Date; omitted: the latest session.
 * @param invocation The calling cell (its address), passed by Excel.
 * @returns Regime, cross date, sessions since the cross.
 * @requiresAddress
 */
function maCross(ticker: any, fast?: number, slow?: number, date?: any, invocation?: CustomFunctions.Invocation): Promise<any[][]> {
  return excel("MA_CROSS", [ticker, fast, slow, date], invocation);
}

/**
 * Breadth: the fraction of the tickers whose close is above their simple moving average.
 * @customfunction BREADTH
 * @param tickers A comma list or a range of tickers (e.g. a basket name).
 * @param [period] SMA period; default 50.
 * @param [date] Date; omitted: the latest session.
 * @param invocation The calling cell (its address), passed by Excel.
 * @returns Fraction from 0 to 1.
 * @requiresAddress
 */
function breadth(tickers: any[][], period?: number, date?: any, invocation?: CustomFunctions.Invocation): Promise<number> {
  return excel("BREADTH", [tickers, period, date], invocation);
}

/**
 * Valuation of a ticker or a basket: forward or trailing P/E, EPS, earnings growth or yield, market cap, or coverage.
 * @customfunction VALUATION
 * @param tickers A ticker, a comma list or a range of tickers (e.g. a basket name).
 * @param [measure] "forward_pe" (default), "trailing_pe", "eps_ttm", "eps_forward", "earnings_growth", "earnings_yield", "market_cap" or "coverage" (also "coverage:trailing_pe"…).
 * @param [method] For a basket: "aggregate" (default; total market cap ÷ total earnings), "harmonic" (equal weight) or "median".
 * @param [date] Trailing measures only: the P/E on that date from the quarterly EPS reported by then; omitted: now.
 * @param invocation The calling cell (its address), passed by Excel.
 * @returns The value; P/Es as multiples, yields and growth as fractions.
 * @requiresAddress
 */
function valuation(
  tickers: any[][],
  measure?: string,
  method?: string,
  date?: any,
  invocation?: CustomFunctions.Invocation,
): Promise<number> {
  return excel("VALUATION", [tickers, measure, method, date], invocation);
}

/**
 * Valuation gap: VALUATION(A) ÷ VALUATION(B) − 1; −0.33 means A trades at a 33% discount to B.
 * @customfunction VALUATION_GAP
 * @param basketA Tickers of the basket valued (ticker, comma list or range).
 * @param basketB Tickers of the basket it is compared with.
 * @param [measure] As in VALUATION; default "forward_pe".
 * @param [method] "aggregate" (default), "harmonic" or "median".
 * @param [date] Trailing measures only: the gap on that date; omitted: now.
 * @param invocation The calling cell (its address), passed by Excel.
 * @returns The gap as a fraction.
 * @requiresAddress
 */
function valuationGap(
  basketA: any[][],
  basketB: any[][],
  measure?: string,
  method?: string,
  date?: any,
  invocation?: CustomFunctions.Invocation,
): Promise<number> {
  return excel("VALUATION_GAP", [basketA, basketB, measure, method, date], invocation);
}

/**
 * Live quote of a ticker, updated every interval (default 15 s) during US regular hours, once after the close; cells of a ticker share one subscription.
 * @customfunction QUOTE
 * @param ticker Ticker, e.g. "IWM", or a cell holding a Stocks data type.
 * @param [field] "price" (default), "change", "change_pct" (a fraction), "prev_close", "open", "day_high", "day_low", "volume", "time" (Excel date-time, New York time) or "delay" (minutes the quote lags).
 * @param invocation The streaming cell, passed by Excel.
 * @returns The field, as it changes.
 * @streaming
 * @requiresAddress
 */
function quote(ticker: any, field: string | undefined, invocation: CustomFunctions.StreamingInvocation<number>): void {
  const cancel = streamQuote(ticker, field, {
    setResult: (value) => invocation.setResult(value),
    fail: (error) => invocation.setResult(excelError(error)),
  });
  invocation.onCanceled = cancel;
}
