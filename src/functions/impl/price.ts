import { indexOnOrBefore } from "../../analytics";
import { describeProvenance } from "../../market";
import { parseDateArg, resolveDay } from "../args/dates";
import { dayToIso, dayToSerial } from "../args/days";
import { describeValue } from "../args/display";
import { lastSessionNote, noSessionNote } from "../args/sessions";
import { tickerArgument } from "../args/tickers";
import { DateCells, NO_DATES } from "../date-cells";
import { badArgument, notAvailable } from "../errors";
import { fieldHeader, HistoryField, parseHistoryFields, parsePriceField, priceColumn } from "../fields";
import { historyOf } from "../history";
import { latestDay, pointBar, resolveWindow } from "../window";

/** PRICE(ticker, [date], [field]): the field on the last bar on or before the date. */
export async function priceFormula(ticker: unknown, date: unknown, field: unknown): Promise<number> {
  const symbol = tickerArgument(ticker, "ticker");
  const when = parseDateArg(date, "date");
  const column = parsePriceField(field, "field");
  const series = await historyOf(symbol);
  const bar = pointBar(series, when);
  const value = priceColumn(series, column)[bar];
  if (!Number.isFinite(value)) {
    const requested = when === null ? null : resolveDay(when, latestDay([series]));
    const last = lastSessionNote(series, requested, series.days[bar]);
    throw notAvailable(
      `${symbol} has no ${column} on ${dayToIso(series.days[bar])} (${series.provider} sent none for that session${last})`,
    );
  }
  return value;
}

/** STOCKHISTORY's headers argument: 0 none, 1 column names, 2 the ticker above the names. */
export function parseHeaders(value: unknown): 0 | 1 | 2 {
  if (value === null || value === undefined || value === "") return 1;
  if (value === true) return 1;
  if (value === false) return 0;
  if (value === 0 || value === 1 || value === 2) return value;
  throw badArgument("headers", `${describeValue(value)} must be 0 (none), 1 (column names) or 2 (ticker and names)`);
}

/** Where HISTORY's dates are: the "date" column(s), below the header rows. */
export function historyDateCells(args: readonly unknown[]): DateCells {
  try {
    const columns = parseHistoryFields(args[3], "fields");
    const dateColumns = columns.flatMap((field, i) => (field === "date" ? [i] : []));
    return { kind: "columns", columns: dateColumns, fromRow: parseHeaders(args[4]) };
  } catch {
    return NO_DATES;
  }
}

/** "open (3 sessions), volume (9 sessions)": the requested fields with missing values in the window. */
function describeGaps(columns: readonly HistoryField[], missing: ReadonlyMap<HistoryField, number>): string {
  return columns
    .filter((field) => (missing.get(field) ?? 0) > 0)
    .map((field) => {
      const n = missing.get(field) ?? 0;
      return `${field} (${n} ${n === 1 ? "session" : "sessions"})`;
    })
    .join(", ");
}

/**
 * HISTORY(ticker, start, [end], [fields], [headers]): a spilled table like STOCKHISTORY. A value the
 * provider did not send (an open, a volume…) is an empty cell, never NaN; with headers 2 the
 * provenance line names the fields with gaps.
 */
export async function historyFormula(
  ticker: unknown,
  start: unknown,
  end: unknown,
  fields: unknown,
  headers: unknown,
): Promise<(string | number)[][]> {
  const symbol = tickerArgument(ticker, "ticker");
  const from = parseDateArg(start, "start");
  if (from === null) throw badArgument("start", 'is required (a date or a period such as "3M")');
  const to = parseDateArg(end, "end");
  const columns: HistoryField[] = parseHistoryFields(fields, "fields");
  const headerMode = parseHeaders(headers);
  const series = await historyOf(symbol);
  const { startDay, endDay } = resolveWindow(from, to, [series]);

  const last = indexOnOrBefore(series.days, endDay);
  const first = indexOnOrBefore(series.days, startDay - 1) + 1;
  if (last < first) {
    throw notAvailable(`${symbol} has no bars from ${dayToIso(startDay)} to ${dayToIso(endDay)}${noSessionNote(series, startDay, endDay)}`);
  }
  const missing = new Map<HistoryField, number>();
  const body: (string | number)[][] = [];
  for (let bar = first; bar <= last; bar++) {
    body.push(
      columns.map((field) => {
        if (field === "date") return dayToSerial(series.days[bar]);
        const value = priceColumn(series, field)[bar];
        if (Number.isFinite(value)) return value;
        missing.set(field, (missing.get(field) ?? 0) + 1);
        return "";
      }),
    );
  }
  const rows: (string | number)[][] = [];
  if (headerMode === 2) {
    const gaps = describeGaps(columns, missing);
    const provenance = describeProvenance(series) + (gaps === "" ? "" : ` · gaps, left empty: ${gaps}`);
    rows.push(columns.map((_, i) => (i === 0 ? provenance : "")));
  }
  if (headerMode >= 1) rows.push(columns.map(fieldHeader));
  rows.push(...body);
  return rows;
}
