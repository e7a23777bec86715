import { barsNeeded } from "../../analytics";
import { parseDateArg } from "../args/dates";
import { parsePeriod, parsePeriodPair } from "../args/numbers";
import { tickerArgument } from "../args/tickers";
import { historyOf } from "../history";
import { requireIndicator } from "../indicator-value";
import { macdAt, MacdOutput } from "../indicators";
import { pointBar } from "../window";

/** MACD(ticker, [fast=12], [slow=26], [signal=9], [date]) → one row: MACD, signal, histogram. */
export async function macdFormula(ticker: unknown, fast: unknown, slow: unknown, signal: unknown, date: unknown): Promise<number[][]> {
  const symbol = tickerArgument(ticker, "ticker");
  const [f, s] = parsePeriodPair(fast, slow, ["fast", "slow"], [12, 26]);
  const g = parsePeriod(signal, "signal", 9);
  const when = parseDateArg(date, "date");
  const series = await historyOf(symbol);
  const bar = pointBar(series, when);
  const label = `MACD(${f},${s},${g})`;
  const needed = barsNeeded.macd(f, s, g);
  const output = (name: MacdOutput) => requireIndicator(macdAt(series, f, s, g, name, bar), bar, series, label, needed);
  return [[output("macd"), output("signal"), output("histogram")]];
}
