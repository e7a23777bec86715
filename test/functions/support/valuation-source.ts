import { HistorySource } from "../../../src/addin";
import { DailySeries, EarningsHistory, MarketDataError, TickerSnapshot } from "../../../src/market";
import { dayOfIso } from "../../support/series-builder";

/**
 * Fake valuation data for the functions' tests: snapshots and quarterly EPS as the market layer
 * hands them over (src/market/core/snapshot.ts), behind a HistorySource like the stores'.
 */

/** A snapshot of an equity at 100 with trailing EPS 5, forward EPS 6 and a 1 bn market cap, changed by `fields`. */
export function snapshot(symbol: string, fields: Partial<TickerSnapshot> = {}): TickerSnapshot {
  return {
    symbol,
    provider: "test",
    fetchedAt: 0,
    priceTime: null,
    kind: "equity",
    currency: "USD",
    price: 100,
    epsTrailing: 5,
    epsForward: 6,
    peTrailingPublished: null,
    peForwardPublished: null,
    marketCap: 1e9,
    sharesOutstanding: null,
    notes: [],
    demo: false,
    ...fields,
  };
}

/** Quarterly EPS: [period end, report day, EPS] rows (ISO dates; a null period end as FMP gives), ascending by report. */
export function quarters(
  symbol: string,
  rows: readonly [string | null, string, number][],
  fields: Partial<EarningsHistory> = {},
): EarningsHistory {
  return {
    symbol,
    provider: "test",
    fetchedAt: 0,
    currency: "USD",
    quarters: rows.map(([periodEnd, reportedOn, eps]) => ({
      periodEnd: periodEnd === null ? null : dayOfIso(periodEnd),
      reportedOn: dayOfIso(reportedOn),
      eps,
    })),
    demo: false,
    ...fields,
  };
}

export interface FakeValuationData {
  readonly series?: Record<string, DailySeries | Error>;
  readonly snapshots?: Record<string, TickerSnapshot | Error>;
  /** null: the source offers no quarterly EPS at all (as most providers). */
  readonly earnings?: Record<string, EarningsHistory | Error> | null;
}

export interface FakeValuationSource extends HistorySource {
  /** Tickers asked for, per kind of data, in order. */
  readonly asked: { history: string[]; snapshot: string[]; earnings: string[] };
}

const unknown = (symbol: string) => new MarketDataError("unknown-symbol", `test has no data for ${symbol}: symbol may be delisted`, symbol);

function answer<T>(table: Record<string, T | Error> | undefined, symbol: string): Promise<T> {
  const found = table?.[symbol];
  if (found === undefined) return Promise.reject(unknown(symbol));
  return found instanceof Error ? Promise.reject(found) : Promise.resolve(found);
}

/** A source over fixed data; a ticker it does not hold rejects as unknown, as a provider would. */
export function fakeValuationSource(data: FakeValuationData): FakeValuationSource {
  const asked = { history: [] as string[], snapshot: [] as string[], earnings: [] as string[] };
  const source: FakeValuationSource = {
    asked,
    get: (ticker) => {
      asked.history.push(ticker);
      return answer(data.series, ticker);
    },
    snapshot: (ticker) => {
      asked.snapshot.push(ticker);
      return answer(data.snapshots, ticker);
    },
  };
  if (data.earnings === null) return source;
  return {
    ...source,
    earnings: (ticker) => {
      asked.earnings.push(ticker);
      return answer(data.earnings ?? undefined, ticker);
    },
  };
}
