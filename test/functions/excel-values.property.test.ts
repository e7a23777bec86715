import fc from "fast-check";
import { evaluateFormula, FORMULAS, FormulaName } from "../../src/functions/catalog";
import { FormulaError } from "../../src/functions/errors";
import { dayToIso, dayToSerial } from "../../src/functions/args/days";
import { setClock } from "../../src/functions/today";
import { useHistorySource } from "../../src/addin";
import { DailySeries, EarningsHistory, MarketDataError, SecurityKind, TickerSnapshot } from "../../src/market";
import { dayOfIso, weekdays } from "../support/series-builder";
import { fakeValuationSource, snapshot } from "./support/valuation-source";

/*
 * Property: whatever gaps a provider leaves in a history and whatever valid arguments a cell passes,
 * no MKT function puts NaN, Infinity, null or undefined in a cell, and every failure is a
 * FormulaError with a message. Checked on each implementation directly (FORMULAS[name].run, so the
 * catalog's last-line guard cannot hide a slip) and through evaluateFormula, as Excel calls it.
 */

const SYMBOLS = ["AAA", "BBB", "CCC"] as const;
const FIRST_DAY = dayOfIso("2024-01-02");
const TODAY = Date.UTC(2026, 11, 1, 12);

interface HistoryShape {
  readonly bars: number;
  readonly start: number;
  readonly moves: number[];
  /** Per bar: which fields the provider left out. */
  readonly gaps: { open: boolean; high: boolean; low: boolean; volume: boolean; close: boolean; adjClose: boolean }[];
}

const historyShape: fc.Arbitrary<HistoryShape> = fc.integer({ min: 0, max: 320 }).chain((bars) =>
  fc.record({
    bars: fc.constant(bars),
    start: fc.double({ min: 1, max: 1000, noNaN: true }),
    moves: fc.array(fc.double({ min: -0.12, max: 0.12, noNaN: true }), { minLength: bars, maxLength: bars }),
    gaps: fc
      .record({ field: fc.double({ min: 0, max: 0.4, noNaN: true }), close: fc.double({ min: 0, max: 0.1, noNaN: true }) })
      .chain((rates) =>
        fc.array(
          fc.record({
            open: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x < rates.field),
            high: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x < rates.field),
            low: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x < rates.field),
            volume: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x < rates.field),
            // A bar without a close, which a provider would normally omit altogether.
            close: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x < rates.close),
            adjClose: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x < rates.close / 2),
          }),
          { minLength: bars, maxLength: bars },
        ),
      ),
  }),
);

function seriesOf(symbol: string, shape: HistoryShape): DailySeries {
  const n = shape.bars;
  const adjClose = new Float64Array(n);
  let price = shape.start;
  for (let i = 0; i < n; i++) {
    price *= 1 + shape.moves[i];
    adjClose[i] = price;
  }
  const close = adjClose.map((x) => x * 1.03);
  const gap = (values: Float64Array, field: keyof HistoryShape["gaps"][number]) => values.map((x, i) => (shape.gaps[i][field] ? NaN : x));
  return {
    symbol,
    provider: "test",
    timeZone: "America/New_York",
    currency: "USD",
    days: weekdays(FIRST_DAY, n),
    open: gap(
      close.map((x) => x * 0.99),
      "open",
    ),
    high: gap(
      close.map((x) => x * 1.02),
      "high",
    ),
    low: gap(
      close.map((x) => x * 0.97),
      "low",
    ),
    close: gap(close, "close"),
    adjClose: gap(adjClose, "adjClose"),
    volume: gap(
      adjClose.map((_, i) => 1000 + i),
      "volume",
    ),
    adjusted: true,
    demo: false,
    fetchedAt: 0,
  };
}

/** Dates a cell may hold: ISO text, an Excel serial (maybe with a time), or a period; from before the histories to after them. */
const dayArb = fc.integer({ min: FIRST_DAY - 40, max: FIRST_DAY + 520 });
const dateArb = fc.oneof(
  dayArb.map(dayToIso),
  dayArb.map((day) => dayToSerial(day) + 0.5),
  fc.constantFrom("YTD", "MTD", "QTD", "1W", "1M", "3M", "6M", "1Y", "10D", "2W"),
);
const optionalDate = fc.oneof(fc.constant(null), dateArb);
const tickerArb = fc.constantFrom(...SYMBOLS);
const tickersArb = fc.oneof(
  fc.subarray([...SYMBOLS], { minLength: 1 }).map((list) => list.join(", ")),
  fc.subarray([...SYMBOLS], { minLength: 1 }).map((list) => list.map((symbol) => [symbol])),
);
const periodArb = fc.integer({ min: 1, max: 60 });
const optionalPeriod = fc.oneof(fc.constant(null), periodArb);
const fastSlow = fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 2, max: 80 })).filter(([fast, slow]) => fast < slow);
const priceField = fc.constantFrom(null, "open", "high", "low", "close", "adjclose", "volume");
const historyFields = fc.oneof(
  fc.constant(null),
  fc.subarray(["date", "open", "high", "low", "close", "adjclose", "volume"], { minLength: 1 }).map((list) => list.join(",")),
  fc.subarray([0, 1, 2, 3, 4, 5, 6], { minLength: 1 }).map((list) => [list]),
);
const headersArb = fc.constantFrom(null, 0, 1, 2);

/*
 * Valuation data as a provider may leave it: fields missing, zero, negative, or (against the
 * contract, to be safe) NaN and infinite; funds, crypto; several currencies; demo data; members the
 * provider has no data for; quarters out of line, restated, without period ends.
 */
const amount = (min: number, max: number) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.double({ min, max, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom<number | null>(null, 0, NaN, Infinity, -Infinity) },
  );
const snapshotArb: fc.Arbitrary<TickerSnapshot | MarketDataError> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record({
        kind: fc.constantFrom<SecurityKind>("equity", "equity", "equity", "fund", "crypto", "index", "other"),
        currency: fc.constantFrom("USD", "USD", "USD", "EUR", null),
        price: amount(-5, 1000),
        epsTrailing: amount(-20, 40),
        epsForward: amount(-20, 40),
        peTrailingPublished: amount(-50, 300),
        peForwardPublished: amount(-50, 300),
        marketCap: amount(-1e9, 3e12),
        demo: fc.constantFrom(false, false, false, false, false, false, false, false, false, true),
      })
      .map((fields) => snapshot("X", fields)),
  },
  { weight: 1, arbitrary: fc.constant(new MarketDataError("no-data", "test has no fundamentals for it")) },
);
const earningsArb: fc.Arbitrary<EarningsHistory | null> = fc.option(
  fc
    .record({
      currency: fc.constantFrom("USD", "USD", "EUR", null),
      withPeriods: fc.boolean(),
      rows: fc.array(
        fc.record({
          period: fc.integer({ min: FIRST_DAY - 500, max: FIRST_DAY + 520 }),
          delay: fc.integer({ min: 0, max: 120 }),
          eps: amount(-5, 5).map((x) => x ?? NaN),
        }),
        { maxLength: 12 },
      ),
    })
    .map(({ currency, withPeriods, rows }) => ({
      symbol: "X",
      provider: "test",
      fetchedAt: 0,
      currency,
      quarters: rows
        .map((r) => ({ periodEnd: withPeriods ? r.period : null, reportedOn: r.period + r.delay, eps: r.eps }))
        .sort((x, y) => x.reportedOn - y.reportedOn),
      demo: false,
    })),
);
const valuationData = fc.tuple(fc.tuple(snapshotArb, snapshotArb, snapshotArb), fc.tuple(earningsArb, earningsArb, earningsArb));
const measureArb = fc.constantFrom(
  null,
  "trailing_pe",
  "trailing_pe",
  "forward_pe",
  "eps_ttm",
  "eps_forward",
  "earnings_growth",
  "earnings_yield",
  "earnings_yield",
  "market_cap",
  "coverage",
  "coverage:trailing_pe",
  "coverage:market_cap",
);
const methodArb = fc.constantFrom(null, "aggregate", "harmonic", "median");
const valuationDate = fc.oneof(fc.constant(null), fc.constant(null), dateArb);

/** Random valid arguments per function (valid in type and range; windows may still miss the history). */
const ARGUMENTS: Record<FormulaName, fc.Arbitrary<unknown[]>> = {
  PRICE: fc.tuple(tickerArb, optionalDate, priceField),
  HISTORY: fc.tuple(tickerArb, dateArb, optionalDate, historyFields, headersArb),
  TOTAL_RETURN: fc.tuple(tickersArb, dateArb, optionalDate),
  ROTATION_SPREAD: fc.tuple(tickersArb, tickersArb, dateArb, optionalDate),
  RELATIVE_STRENGTH: fc.tuple(tickersArb, tickersArb, dateArb, optionalDate),
  SMA: fc.tuple(tickerArb, periodArb, optionalDate),
  EMA: fc.tuple(tickerArb, periodArb, optionalDate),
  RSI: fc.tuple(tickerArb, optionalPeriod, optionalDate),
  MACD: fc.tuple(tickerArb, fastSlow, optionalPeriod, optionalDate).map(([t, [f, s], g, d]) => [t, f, s, g, d]),
  GOLDEN_CROSS: fc.tuple(tickerArb, fastSlow, optionalDate).map(([t, [f, s], d]) => [t, f, s, d]),
  DEATH_CROSS: fc.tuple(tickerArb, fastSlow, optionalDate).map(([t, [f, s], d]) => [t, f, s, d]),
  MA_CROSS: fc.tuple(tickerArb, fastSlow, optionalDate).map(([t, [f, s], d]) => [t, f, s, d]),
  BREADTH: fc.tuple(tickersArb, optionalPeriod, optionalDate),
  VALUATION: fc.tuple(tickersArb, measureArb, methodArb, valuationDate),
  VALUATION_GAP: fc.tuple(tickersArb, tickersArb, measureArb, methodArb, valuationDate),
  // No quote source here: every call fails with #N/A (test/functions/quote-values.test.ts feeds it random quotes).
  QUOTE: fc.tuple(tickerArb, fc.constantFrom(null, "price", "change_pct", "time", "delay")),
};

/** Why `value` could not sit in Excel cells, or null when it can: finite numbers and strings only, in a rectangle. */
function excelProblem(value: unknown): string | null {
  const cell = (x: unknown): string | null =>
    typeof x === "string" || (typeof x === "number" && Number.isFinite(x)) ? null : `cell holds ${String(x)}`;
  if (!Array.isArray(value)) return cell(value);
  if (value.length === 0) return "empty array";
  for (const row of value) {
    if (!Array.isArray(row)) return `row ${String(row)} is not an array`;
    if (row.length !== value[0].length) return "ragged rows";
    for (const x of row) {
      const problem = cell(x);
      if (problem !== null) return problem;
    }
  }
  return null;
}

let restoreClock: () => void;
beforeAll(() => {
  restoreClock = setClock(() => TODAY);
});
afterAll(() => restoreClock());

describe.each(Object.keys(FORMULAS) as FormulaName[])("%s on histories with gaps", (name) => {
  it("never puts NaN, Infinity, null or undefined in a cell, and fails only with a FormulaError", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(historyShape, historyShape, historyShape),
        valuationData,
        ARGUMENTS[name],
        async (shapes, valuation, args) => {
          const series = Object.fromEntries(SYMBOLS.map((symbol, i) => [symbol, seriesOf(symbol, shapes[i])]));
          const [snapshots, earnings] = valuation;
          const bySymbol = <T extends object>(values: readonly (T | null)[], rename: (value: T, symbol: string) => T) =>
            Object.fromEntries(SYMBOLS.flatMap((symbol, i) => (values[i] === null ? [] : [[symbol, rename(values[i] as T, symbol)]])));
          useHistorySource(
            fakeValuationSource({
              series,
              snapshots: bySymbol(snapshots, (s, symbol) => (s instanceof MarketDataError ? s : { ...s, symbol })),
              earnings: bySymbol(earnings, (e, symbol) => ({ ...e, symbol })),
            }),
          );

          let direct: unknown;
          try {
            direct = await (FORMULAS[name].run as (...a: unknown[]) => Promise<unknown>)(...args);
          } catch (error) {
            if (!(error instanceof FormulaError)) {
              throw new Error(`${name}(${JSON.stringify(args)}) threw ${String(error)}`, { cause: error });
            }
            expect(error.message.trim()).not.toBe("");
            direct = undefined;
          }
          if (direct !== undefined) {
            const problem = excelProblem(direct);
            if (problem !== null) throw new Error(`${name}(${JSON.stringify(args)}): ${problem}`);
          }

          const outcome = await evaluateFormula(name, args);
          if (outcome.ok) expect(excelProblem(outcome.value)).toBeNull();
          else expect(outcome.error.message.trim()).not.toBe("");
          expect(outcome.ok).toBe(direct !== undefined);
        },
      ),
      { numRuns: 150 },
    );
  });
});
