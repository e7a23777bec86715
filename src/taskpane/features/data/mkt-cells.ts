/** A formula that calls one of our functions: `=MKT.RSI(…)`, `=INDEX(MKT.MA_CROSS(…),1,2)`, `=-MKT.TOTAL_RETURN(…)`. */
const MKT_CALL = /(^|[^A-Za-z0-9_.])MKT\.[A-Za-z_]+\s*\(/i;

export function isMktFormula(formula: unknown): boolean {
  return typeof formula === "string" && formula.startsWith("=") && MKT_CALL.test(formula);
}

/** What a custom function shows while it is still computing. */
const PENDING_VALUES = new Set(["#BUSY!", "#GETTING_DATA"]);

export function isPendingValue(value: unknown): boolean {
  return typeof value === "string" && PENDING_VALUES.has(value.toUpperCase());
}

/** Positions of MKT formulas in a formulas grid, row by row. */
export function mktCells(formulas: readonly (readonly unknown[])[]): { row: number; column: number }[] {
  const cells: { row: number; column: number }[] = [];
  formulas.forEach((line, row) =>
    line.forEach((formula, column) => {
      if (isMktFormula(formula)) cells.push({ row, column });
    }),
  );
  return cells;
}
