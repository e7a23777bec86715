import { decimalValue } from "./decimal-text";
import { DailySeries, isoDateOfTradingDay, TradingDay, tradingDayOfIsoDate } from "../../core";

/** One daily bar from a provider that labels bars with exchange-local "YYYY-MM-DD" dates. NaN = not sent. */
export interface DatedBar {
  readonly day: TradingDay;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** Why rows could not be read, for a bad-response message. */
export interface BarProblem {
  readonly problem: string;
}

export function isBarProblem(value: unknown): value is BarProblem {
  return typeof value === "object" && value !== null && "problem" in value;
}

const PRICE_FIELDS = ["open", "high", "low", "close", "volume"] as const;
type PriceField = (typeof PRICE_FIELDS)[number];

/**
 * Rows shaped `{[dateField]: "YYYY-MM-DD", open, high, low, close, volume}` (numbers or decimal
 * strings) as bars, in the order given. A row whose close is null or absent carries no price and
 * is skipped; another absent or null field becomes NaN; a field that is present but not a number
 * makes the whole answer a BarProblem, because a misread price is worse than no price.
 */
export function readDatedBars(rows: readonly unknown[], dateField: string): DatedBar[] | BarProblem {
  const bars: DatedBar[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (typeof row !== "object" || row === null || Array.isArray(row)) return { problem: `row ${i + 1} is not an object` };
    const record = row as Record<string, unknown>;
    const label = record[dateField];
    const day = typeof label === "string" ? tradingDayOfIsoDate(label) : null;
    if (day === null) {
      return { problem: `row ${i + 1} has ${dateField} ${describe(label)}, expected a YYYY-MM-DD date` };
    }
    if (record.close === null || record.close === undefined) continue;
    const values = {} as Record<PriceField, number>;
    for (const field of PRICE_FIELDS) {
      const raw = record[field];
      const value = raw === null || raw === undefined ? NaN : decimalValue(raw);
      if (value === null) return { problem: `${field} ${describe(raw)} on ${label} is not a number` };
      values[field] = value;
    }
    bars.push({ day, ...values });
  }
  return bars;
}

/**
 * Bars in ascending day order (providers send newest first). A day listed twice with the same
 * values is kept once; listed twice with different values it is a BarProblem: neither can be trusted.
 */
export function ascendingUniqueBars(bars: readonly DatedBar[]): DatedBar[] | BarProblem {
  const sorted = bars.slice().sort((a, b) => a.day - b.day);
  const unique: DatedBar[] = [];
  for (const bar of sorted) {
    const previous = unique[unique.length - 1];
    if (previous === undefined || previous.day !== bar.day) unique.push(bar);
    else if (!sameValues(previous, bar)) return { problem: `two different bars for ${isoDateOfTradingDay(bar.day)}` };
  }
  return unique;
}

export interface DatedSeriesInfo {
  readonly symbol: string;
  readonly provider: string;
  readonly timeZone: string;
  readonly currency: string | null;
  readonly fetchedAt: number;
}

/** A DailySeries from ascending unique bars of a provider without adjusted closes (adjClose = close). */
export function unadjustedSeries(info: DatedSeriesInfo, bars: readonly DatedBar[]): DailySeries {
  const column = (field: PriceField): Float64Array => Float64Array.from(bars, (bar) => bar[field]);
  const close = column("close");
  return {
    ...info,
    days: Int32Array.from(bars, (bar) => bar.day),
    open: column("open"),
    high: column("high"),
    low: column("low"),
    close,
    adjClose: close.slice(),
    volume: column("volume"),
    adjusted: false,
    demo: false,
  };
}

function sameValues(a: DatedBar, b: DatedBar): boolean {
  return PRICE_FIELDS.every((field) => Object.is(a[field], b[field]));
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  const text = typeof value === "string" ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
