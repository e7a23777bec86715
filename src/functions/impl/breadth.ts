import { breadth } from "../../analytics";
import { parseDateArg } from "../args/dates";
import { parsePeriod } from "../args/numbers";
import { tickersArgument } from "../args/tickers";
import { historiesOf } from "../history";
import { requireIndicator } from "../indicator-value";
import { smaAt } from "../indicators";
import { pointBar } from "../window";

/** BREADTH(tickers, [period=50], [date]): fraction of tickers whose close is above their SMA(period). */
export async function breadthFormula(tickers: unknown, period: unknown, date: unknown): Promise<number> {
  const symbols = tickersArgument(tickers, "tickers");
  const n = parsePeriod(period, "period", 50);
  const when = parseDateArg(date, "date");
  const histories = await historiesOf(symbols);
  const closes: number[] = [];
  const averages: number[] = [];
  for (const series of histories) {
    const bar = pointBar(series, when);
    closes.push(series.adjClose[bar]);
    averages.push(requireIndicator(smaAt(series, n, bar), bar, series, `SMA(${n})`, n));
  }
  return breadth(closes, averages);
}
