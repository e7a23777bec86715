import { parseDateArg } from "../args/dates";
import { parsePeriod } from "../args/numbers";
import { parseTicker } from "../args/tickers";
import { loadHistory } from "../history-source";
import { indicatorAt } from "../indicator-value";
import { emaOf, rsiOf, smaOf } from "../indicators";
import { pointBar } from "../window";

/** SMA(ticker, period, [date]) */
export async function smaFormula(ticker: unknown, period: unknown, date: unknown): Promise<number> {
  const symbol = parseTicker(ticker, "ticker");
  const n = parsePeriod(period, "period");
  const when = parseDateArg(date, "date");
  const series = await loadHistory(symbol);
  return indicatorAt(smaOf(series, n), pointBar(series, when), series, `SMA(${n})`, n);
}

/** EMA(ticker, period, [date]) — seeded with the simple mean of the first `period` closes. */
export async function emaFormula(ticker: unknown, period: unknown, date: unknown): Promise<number> {
  const symbol = parseTicker(ticker, "ticker");
  const n = parsePeriod(period, "period");
  const when = parseDateArg(date, "date");
  const series = await loadHistory(symbol);
  return indicatorAt(emaOf(series, n), pointBar(series, when), series, `EMA(${n})`, n);
}

/** RSI(ticker, [period=14], [date]) — Wilder's smoothing. */
export async function rsiFormula(ticker: unknown, period: unknown, date: unknown): Promise<number> {
  const symbol = parseTicker(ticker, "ticker");
  const n = parsePeriod(period, "period", 14);
  const when = parseDateArg(date, "date");
  const series = await loadHistory(symbol);
  return indicatorAt(rsiOf(series, n), pointBar(series, when), series, `RSI(${n})`, n + 1);
}
