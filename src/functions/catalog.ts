import { FormulaError, toFormulaError, badArgument, notAvailable } from "./errors";
import { cellComputed, cellFailed, cellNow } from "./cell-refusals";
import { plainCellValue } from "./args/cell-values";
import { DateCells, NO_DATES, SCALAR_DATE } from "./date-cells";
import { breadthFormula } from "./impl/breadth";
import { deathCrossFormula, goldenCrossFormula, maCrossFormula } from "./impl/crosses";
import { emaFormula, rsiFormula, smaFormula } from "./impl/averages";
import { macdFormula } from "./impl/macd";
import { historyDateCells, historyFormula, priceFormula } from "./impl/price";
import { relativeStrengthFormula, totalReturnFormula, rotationSpreadFormula } from "./impl/returns";
import { valuationFormula, valuationGapFormula } from "./impl/valuation";
import { quoteFormula } from "./impl/quote";

export type FormulaValue = number | string | (number | string)[][];

interface FormulaSpec {
  params: readonly string[];
  run: (...args: unknown[]) => Promise<FormulaValue>;
  /**
   * Which cells of the result are Excel dates (serials), from the arguments the call succeeded with:
   * Excel shows them through the cell's date format, the CLI prints them as ISO dates. Absent: none.
   */
  dates?: (args: readonly unknown[]) => DateCells;
}

/** Every MKT function by its id: what Excel registers and what the `mkt` CLI evaluates. */
export const FORMULAS = {
  PRICE: { params: ["ticker", "date", "field"], run: priceFormula },
  HISTORY: { params: ["ticker", "start", "end", "fields", "headers"], run: historyFormula, dates: historyDateCells },
  TOTAL_RETURN: { params: ["tickers", "start", "end"], run: totalReturnFormula },
  ROTATION_SPREAD: { params: ["basketA", "basketB", "start", "end"], run: rotationSpreadFormula },
  RELATIVE_STRENGTH: { params: ["a", "b", "start", "end"], run: relativeStrengthFormula },
  SMA: { params: ["ticker", "period", "date"], run: smaFormula },
  EMA: { params: ["ticker", "period", "date"], run: emaFormula },
  RSI: { params: ["ticker", "period", "date"], run: rsiFormula },
  MACD: { params: ["ticker", "fast", "slow", "signal", "date"], run: macdFormula },
  GOLDEN_CROSS: { params: ["ticker", "fast", "slow", "date"], run: goldenCrossFormula, dates: () => SCALAR_DATE },
  DEATH_CROSS: { params: ["ticker", "fast", "slow", "date"], run: deathCrossFormula, dates: () => SCALAR_DATE },
  // One row: regime, the cross's date, sessions since.
  MA_CROSS: {
    params: ["ticker", "fast", "slow", "date"],
    run: maCrossFormula,
    dates: () => ({ kind: "columns", columns: [1], fromRow: 0 }),
  },
  BREADTH: { params: ["tickers", "period", "date"], run: breadthFormula },
  VALUATION: { params: ["tickers", "measure", "method", "date"], run: valuationFormula },
  VALUATION_GAP: { params: ["basketA", "basketB", "measure", "method", "date"], run: valuationGapFormula },
  // Streaming in Excel (functions.ts); evaluated here once, with the current quote (the CLI, previews).
  QUOTE: { params: ["ticker", "field"], run: quoteFormula },
} satisfies Record<string, FormulaSpec>;

export type FormulaName = keyof typeof FORMULAS;

export function isFormulaName(name: string): name is FormulaName {
  return Object.prototype.hasOwnProperty.call(FORMULAS, name);
}

export type FormulaOutcome = { ok: true; value: FormulaValue; dates: DateCells } | { ok: false; error: FormulaError };

/**
 * The last line of the "no NaN, Infinity, null or undefined in a cell" rule: each function is written
 * (and property-tested) not to produce them, and this keeps a slip from reaching a cell. A scalar
 * that is not a finite number becomes #N/A; a missing value in a spilled table an empty string.
 */
function excelSafe(name: FormulaName, value: unknown): FormulaValue {
  if (typeof value === "string") return value;
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    throw notAvailable(`${name} has no finite result for these arguments (${value})`);
  }
  if (Array.isArray(value)) {
    return value.map((row: unknown) =>
      (Array.isArray(row) ? row : [row]).map((cell: unknown) =>
        typeof cell === "string" || (typeof cell === "number" && Number.isFinite(cell)) ? cell : "",
      ),
    );
  }
  throw notAvailable(`${name} has no result for these arguments`);
}

/** Where a formula is evaluated: the cell's address in Excel ("Sheet1!B2"); absent elsewhere. */
export interface FormulaCell {
  readonly address?: string | null;
}

/**
 * Runs one MKT function. Never rejects: every failure, including a bug below, comes back as a
 * FormulaError, so no exception reaches Excel and no promise is left pending by us. In the add-in, a
 * cell the plan's limits refused says when it can be recalculated and is recorded for "Retry now";
 * one that computes leaves that record (see cell-refusals.ts).
 */
export async function evaluateFormula(name: FormulaName, args: readonly unknown[], cell: FormulaCell = {}): Promise<FormulaOutcome> {
  const spec: FormulaSpec = FORMULAS[name];
  const address = cell.address ?? null;
  try {
    if (args.length > spec.params.length) {
      throw badArgument(name, `takes at most ${spec.params.length} arguments (${spec.params.join(", ")}), got ${args.length}`);
    }
    // Data types whose meaning is a plain value (a formatted number…) count as that value; entities stay.
    const padded = spec.params.map((_, i) => (args[i] === undefined ? null : plainCellValue(args[i])));
    const value = excelSafe(name, await spec.run(...padded));
    cellComputed(address);
    return { ok: true, value, dates: spec.dates?.(padded) ?? NO_DATES };
  } catch (error) {
    return { ok: false, error: cellFailed(address, toFormulaError(error, cellNow())) };
  }
}
