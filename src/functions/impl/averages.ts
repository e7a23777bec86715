import { barsNeeded } from "../../analytics";
import { parseDateArg } from "../args/dates";
import { parsePeriod } from "../args/numbers";
import { tickerArgument } from "../args/tickers";
import { historyOf } from "../history";
import { requireIndicator } from "../indicator-value";
import { emaAt, rsiAt, smaAt } from "../indicators";
import { pointBar } from "../window";

/** SMA(ticker, period, [date]) */
export async function smaFormula(ticker: unknown, period: unknown, date: unknown): Promise<number> {
  const symbol = tickerArgument(ticker, "ticker");
  const n = parsePeriod(period, "period");
  const when = parseDateArg(date, "date");
  const series = await historyOf(symbol);
  const bar = pointBar(series, when);
  return requireIndicator(smaAt(series, n, bar), bar, series, `SMA(${n})`, barsNeeded.sma(n));
}

/** EMA(ticker, period, [date]) — seeded with the simple mean of the first `period` closes. */
export async function emaFormula(ticker: unknown, period: unknown, date: unknown): Promise<number> {
  const symbol = tickerArgument(ticker, "ticker");
  const n = parsePeriod(period, "period");
  const when = parseDateArg(date, "date");
  const series = await historyOf(symbol);
  const bar = pointBar(series, when);
  return requireIndicator(emaAt(series, n, bar), bar, series, `EMA(${n})`, barsNeeded.ema(n));
}

/** RSI(ticker, [period=14], [date]) — Wilder's smoothing. */
export async function rsiFormula(ticker: unknown, period: unknown, date: unknown): Promise<number> {
  const symbol = tickerArgument(ticker, "ticker");
  const n = parsePeriod(period, "period", 14);
  const when = parseDateArg(date, "date");
  const series = await historyOf(symbol);
  const bar = pointBar(series, when);
  return requireIndicator(rsiAt(series, n, bar), bar, series, `RSI(${n})`, barsNeeded.rsi(n));
}
