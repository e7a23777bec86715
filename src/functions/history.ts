import { DailySeries, Ticker } from "../market";
import { loadHistories, loadHistory } from "../addin";

/**
 * Histories as the functions read them: bars without a usable close are dropped, as most providers
 * omit them. A bar whose close or adjusted close is missing (NaN), infinite or not positive has no
 * price to compute a return or an average from; kept, it would turn into NaN or Infinity in a cell.
 * Opens, highs, lows and volumes may still be missing (NaN) on kept bars: PRICE says so and HISTORY
 * leaves the cell empty. A history that needs no change is returned as is (so indicator memos keyed
 * by the series keep working); a cleaned copy is made once per history.
 */
const cleaned = new WeakMap<DailySeries, DailySeries>();

function hasPrice(series: DailySeries, bar: number): boolean {
  const close = series.close[bar];
  const adjusted = series.adjClose[bar];
  return Number.isFinite(close) && close > 0 && Number.isFinite(adjusted) && adjusted > 0;
}

export function usableSeries(series: DailySeries): DailySeries {
  const known = cleaned.get(series);
  if (known !== undefined) return known;
  const n = series.days.length;
  let kept = 0;
  for (let bar = 0; bar < n; bar++) if (hasPrice(series, bar)) kept++;
  if (kept === n) {
    cleaned.set(series, series);
    return series;
  }
  const keep = new Int32Array(kept);
  for (let bar = 0, k = 0; bar < n; bar++) if (hasPrice(series, bar)) keep[k++] = bar;
  const pick = (column: Float64Array): Float64Array => Float64Array.from(keep, (bar) => column[bar]);
  const result: DailySeries = {
    ...series,
    days: Int32Array.from(keep, (bar) => series.days[bar]),
    open: pick(series.open),
    high: pick(series.high),
    low: pick(series.low),
    close: pick(series.close),
    adjClose: pick(series.adjClose),
    volume: pick(series.volume),
  };
  cleaned.set(series, result);
  return result;
}

export async function historyOf(ticker: Ticker): Promise<DailySeries> {
  return usableSeries(await loadHistory(ticker));
}

export async function historiesOf(tickers: readonly Ticker[]): Promise<DailySeries[]> {
  return (await loadHistories(tickers)).map(usableSeries);
}
