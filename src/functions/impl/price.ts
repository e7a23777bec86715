import { indexOnOrBefore } from "../../analytics";
import { parseDateArg } from "../args/dates";
import { dayToIso, dayToSerial } from "../args/days";
import { describeValue } from "../args/display";
import { tickerArgument } from "../args/tickers";
import { badArgument, notAvailable } from "../errors";
import { fieldHeader, HistoryField, parseHistoryFields, parsePriceField, priceColumn } from "../fields";
import { describeProvenance } from "../../market";
import { loadHistory } from "../../addin";
import { pointBar, resolveWindow } from "../window";

/** PRICE(ticker, [date], [field]): the field on the last bar on or before the date. */
export async function priceFormula(ticker: unknown, date: unknown, field: unknown): Promise<number> {
  const symbol = tickerArgument(ticker, "ticker");
  const when = parseDateArg(date, "date");
  const column = parsePriceField(field, "field");
  const series = await loadHistory(symbol);
  const value = priceColumn(series, column)[pointBar(series, when)];
  if (!Number.isFinite(value)) throw notAvailable(`${symbol} has no ${column} on that day`);
  return value;
}

/** STOCKHISTORY's headers argument: 0 none, 1 column names, 2 the ticker above the names. */
function parseHeaders(value: unknown): 0 | 1 | 2 {
  if (value === null || value === undefined || value === "") return 1;
  if (value === true) return 1;
  if (value === false) return 0;
  if (value === 0 || value === 1 || value === 2) return value;
  throw badArgument("headers", `${describeValue(value)} must be 0 (none), 1 (column names) or 2 (ticker and names)`);
}

/** HISTORY(ticker, start, [end], [fields], [headers]): a spilled table like STOCKHISTORY. */
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
  const series = await loadHistory(symbol);
  const { startDay, endDay } = resolveWindow(from, to, [series]);

  const last = indexOnOrBefore(series.days, endDay);
  let first = indexOnOrBefore(series.days, startDay - 1) + 1;
  if (last < first) {
    throw notAvailable(`${symbol} has no bars from ${dayToIso(startDay)} to ${dayToIso(endDay)}`);
  }
  const rows: (string | number)[][] = [];
  if (headerMode === 2) rows.push(columns.map((_, i) => (i === 0 ? describeProvenance(series) : "")));
  if (headerMode >= 1) rows.push(columns.map(fieldHeader));
  for (; first <= last; first++) {
    const bar = first;
    rows.push(columns.map((c) => (c === "date" ? dayToSerial(series.days[bar]) : priceColumn(series, c)[bar])));
  }
  return rows;
}
