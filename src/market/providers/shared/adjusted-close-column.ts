import { BarProblem, DatedBar } from "./dated-bars";
import { decimalValue } from "./decimal-text";
import { DailySeries, isoDateOfTradingDay, TradingDay } from "../../core";

/**
 * The split- and dividend-adjusted closes of `bars` (ascending), from the provider's raw values
 * keyed by day: a column when every bar has one; null when none has (raw prices only, so
 * adjClose stays = close); a BarProblem when only some have one or one is not a number, because
 * a half-adjusted column would mix two price bases without anyone noticing.
 */
export function adjustedCloseColumn(
  bars: readonly DatedBar[],
  rawByDay: ReadonlyMap<TradingDay, unknown>,
): Float64Array | null | BarProblem {
  const column = new Float64Array(bars.length);
  let missing = 0;
  for (let i = 0; i < bars.length; i++) {
    const raw = rawByDay.get(bars[i].day);
    if (raw === undefined || raw === null) {
      missing++;
      continue;
    }
    const value = decimalValue(raw);
    if (value === null) {
      return { problem: `adjusted close ${describe(raw)} on ${isoDateOfTradingDay(bars[i].day)} is not a number` };
    }
    column[i] = value;
  }
  if (missing === bars.length) return null;
  if (missing > 0) return { problem: `adjusted closes are missing on ${missing} of ${bars.length} days` };
  return column;
}

/** `series` with a real adjusted-close column, so its provenance says "adjusted". */
export function withAdjustedCloses(series: DailySeries, adjClose: Float64Array): DailySeries {
  return { ...series, adjClose, adjusted: true };
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
