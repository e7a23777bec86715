import fc from "fast-check";
import { evaluateFormula, FORMULAS, FormulaName } from "../../src/functions/catalog";
import { FormulaError } from "../../src/functions/errors";
import { dayToIso, dayToSerial } from "../../src/functions/args/days";
import { setClock } from "../../src/functions/today";
import { useHistorySource } from "../../src/addin";
import { DailySeries } from "../../src/market";
import { dayOfIso, FixedHistorySource, weekdays } from "../support/series-builder";

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
      fc.asyncProperty(fc.tuple(historyShape, historyShape, historyShape), ARGUMENTS[name], async (shapes, args) => {
        const series = Object.fromEntries(SYMBOLS.map((symbol, i) => [symbol, seriesOf(symbol, shapes[i])]));
        useHistorySource(new FixedHistorySource(series));

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
      }),
      { numRuns: 150 },
    );
  });
});
