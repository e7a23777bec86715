import { FormulaError, toFormulaError, badArgument } from "./errors";
import { breadthFormula } from "./impl/breadth";
import { deathCrossFormula, goldenCrossFormula, maCrossFormula } from "./impl/crosses";
import { emaFormula, rsiFormula, smaFormula } from "./impl/averages";
import { macdFormula } from "./impl/macd";
import { historyFormula, priceFormula } from "./impl/price";
import { relativeStrengthFormula, totalReturnFormula, rotationSpreadFormula } from "./impl/returns";

export type FormulaValue = number | string | (number | string)[][];

interface FormulaSpec {
  params: readonly string[];
  run: (...args: unknown[]) => Promise<FormulaValue>;
}

/** Every MKT function by its id: what Excel registers and what the `mkt` CLI evaluates. */
export const FORMULAS = {
  PRICE: { params: ["ticker", "date", "field"], run: priceFormula },
  HISTORY: { params: ["ticker", "start", "end", "fields", "headers"], run: historyFormula },
  TOTAL_RETURN: { params: ["tickers", "start", "end"], run: totalReturnFormula },
  ROTATION_SPREAD: { params: ["basketA", "basketB", "start", "end"], run: rotationSpreadFormula },
  RELATIVE_STRENGTH: { params: ["a", "b", "start", "end"], run: relativeStrengthFormula },
  SMA: { params: ["ticker", "period", "date"], run: smaFormula },
  EMA: { params: ["ticker", "period", "date"], run: emaFormula },
  RSI: { params: ["ticker", "period", "date"], run: rsiFormula },
  MACD: { params: ["ticker", "fast", "slow", "signal", "date"], run: macdFormula },
  GOLDEN_CROSS: { params: ["ticker", "fast", "slow", "date"], run: goldenCrossFormula },
  DEATH_CROSS: { params: ["ticker", "fast", "slow", "date"], run: deathCrossFormula },
  MA_CROSS: { params: ["ticker", "fast", "slow", "date"], run: maCrossFormula },
  BREADTH: { params: ["tickers", "period", "date"], run: breadthFormula },
} satisfies Record<string, FormulaSpec>;

export type FormulaName = keyof typeof FORMULAS;

export function isFormulaName(name: string): name is FormulaName {
  return Object.prototype.hasOwnProperty.call(FORMULAS, name);
}

export type FormulaOutcome = { ok: true; value: FormulaValue } | { ok: false; error: FormulaError };

/**
 * Runs one MKT function. Never rejects: every failure, including a bug below, comes back as a
 * FormulaError, so no exception reaches Excel and no promise is left pending by us.
 */
export async function evaluateFormula(name: FormulaName, args: readonly unknown[]): Promise<FormulaOutcome> {
  const spec: FormulaSpec = FORMULAS[name];
  try {
    if (args.length > spec.params.length) {
      throw badArgument(name, `takes at most ${spec.params.length} arguments (${spec.params.join(", ")}), got ${args.length}`);
    }
    const padded = spec.params.map((_, i) => (args[i] === undefined ? null : args[i]));
    return { ok: true, value: await spec.run(...padded) };
  } catch (error) {
    return { ok: false, error: toFormulaError(error) };
  }
}
