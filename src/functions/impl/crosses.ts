import { barsNeeded, lastCrossOnOrBefore } from "../../analytics";
import { DailySeries } from "../../market";
import { parseDateArg } from "../args/dates";
import { dayToIso, dayToSerial } from "../args/days";
import { parsePeriodPair } from "../args/numbers";
import { tickerArgument } from "../args/tickers";
import { notAvailable } from "../errors";
import { historyOf } from "../history";
import { requireIndicator } from "../indicator-value";
import { crossesOf, smaAt } from "../indicators";
import { pointBar } from "../window";

type CrossKind = "golden" | "death";

interface CrossQuery {
  series: DailySeries;
  bar: number;
  fast: number;
  slow: number;
}

async function crossQuery(ticker: unknown, fast: unknown, slow: unknown, date: unknown): Promise<CrossQuery> {
  const symbol = tickerArgument(ticker, "ticker");
  const [f, s] = parsePeriodPair(fast, slow, ["fast", "slow"], [50, 200]);
  const when = parseDateArg(date, "date");
  const series = await historyOf(symbol);
  const bar = pointBar(series, when);
  // Crosses exist only where both averages do: say so rather than "no cross".
  requireIndicator(smaAt(series, s, bar), bar, series, `SMA(${s})`, barsNeeded.maCross(f, s));
  return { series, bar, fast: f, slow: s };
}

function lastCross({ series, bar, fast, slow }: CrossQuery, kind?: CrossKind) {
  const cross = lastCrossOnOrBefore(crossesOf(series, fast, slow), bar, kind);
  if (cross === null) {
    const what = kind === undefined ? "cross" : `${kind} cross`;
    throw notAvailable(`no ${what} of SMA(${fast}) and SMA(${slow}) in ${series.symbol}'s history up to ${dayToIso(series.days[bar])}`);
  }
  return cross;
}

/** GOLDEN_CROSS(ticker, [fast=50], [slow=200], [date]): date of the latest golden cross. */
export async function goldenCrossFormula(ticker: unknown, fast: unknown, slow: unknown, date: unknown) {
  const query = await crossQuery(ticker, fast, slow, date);
  return dayToSerial(query.series.days[lastCross(query, "golden").index]);
}

/** DEATH_CROSS(ticker, [fast=50], [slow=200], [date]): date of the latest death cross. */
export async function deathCrossFormula(ticker: unknown, fast: unknown, slow: unknown, date: unknown) {
  const query = await crossQuery(ticker, fast, slow, date);
  return dayToSerial(query.series.days[lastCross(query, "death").index]);
}

/** MA_CROSS(...) → one row: the regime now ("golden"/"death"), the date of that cross, trading days since. */
export async function maCrossFormula(ticker: unknown, fast: unknown, slow: unknown, date: unknown): Promise<(string | number)[][]> {
  const query = await crossQuery(ticker, fast, slow, date);
  const cross = lastCross(query);
  return [[cross.kind, dayToSerial(query.series.days[cross.index]), query.bar - cross.index]];
}
