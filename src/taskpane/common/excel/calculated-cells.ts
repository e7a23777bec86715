import type { CellOutcome, ProgressListener } from "../workbook";

/** What a custom function shows while it is still computing. */
const PENDING_VALUES = new Set(["#BUSY!", "#GETTING_DATA"]);

export function isPendingValue(value: unknown): boolean {
  return typeof value === "string" && PENDING_VALUES.has(value.toUpperCase());
}

/** How long the pane waits for async MKT cells to finish before it counts them. */
export interface CalculationWait {
  /** Longest wait in all; cells still busy then are counted as pending. */
  readonly timeoutMs: number;
  /** Time between two readings of the cells. */
  readonly pollMs: number;
  readonly sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_CALCULATION_WAIT: CalculationWait = {
  // Above the relay's 20 s budget per call, so a slow provider shows its error rather than "pending".
  timeoutMs: 45_000,
  pollMs: 250,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A range to count and, when only some of its cells hold formulas, which (0-based within it). */
export interface CountedRange {
  readonly range: Excel.Range;
  readonly cells?: readonly { readonly row: number; readonly column: number }[];
}

interface Reading {
  readonly values: unknown[][];
  readonly valueTypes: string[][];
}

function tally(targets: readonly CountedRange[], readings: readonly Reading[]): CellOutcome {
  let cells = 0;
  let errors = 0;
  let pending = 0;
  targets.forEach((target, i) => {
    const { values, valueTypes } = readings[i];
    const positions = target.cells ?? values.flatMap((line, row) => line.map((_, column) => ({ row, column })));
    for (const { row, column } of positions) {
      cells++;
      if (isPendingValue(values[row]?.[column])) pending++;
      else if (valueTypes[row]?.[column] === "Error") errors++;
    }
  });
  return { cells, errors, pending, messages: [] };
}

/**
 * Reads the ranges' values and value types (ExcelApi 1.1) until no cell is still busy (MKT
 * functions are asynchronous) or the wait runs out, and counts the cells by outcome: computed,
 * error (valueTypes "Error"), still pending. The caller has asked Excel to calculate them.
 */
export async function countCalculatedCells(
  context: Excel.RequestContext,
  targets: readonly CountedRange[],
  wait: CalculationWait = DEFAULT_CALCULATION_WAIT,
  progress: ProgressListener = () => undefined,
): Promise<CellOutcome> {
  if (targets.length === 0) return { cells: 0, errors: 0, pending: 0, messages: [] };
  let waited = 0;
  for (;;) {
    const loaded = targets.map(({ range }) => range.load("values, valueTypes"));
    await context.sync();
    const outcome = tally(
      targets,
      loaded.map((range) => ({ values: range.values, valueTypes: range.valueTypes as string[][] })),
    );
    if (outcome.pending === 0 || waited >= wait.timeoutMs) return outcome;
    const cells = outcome.pending === 1 ? "1 cell" : `${outcome.pending} cells`;
    progress({ done: outcome.cells - outcome.pending, total: outcome.cells, label: `Waiting for ${cells} to calculate` });
    await wait.sleep(wait.pollMs);
    waited += wait.pollMs;
  }
}
