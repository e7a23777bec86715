/** A formula that calls one of our functions: `=MKT.RSI(…)`, `=INDEX(MKT.MA_CROSS(…),1,2)`, `=-MKT.TOTAL_RETURN(…)`. */
const MKT_CALL = /(^|[^A-Za-z0-9_.])MKT\.[A-Za-z_]+\s*\(/i;

export function isMktFormula(formula: unknown): boolean {
  return typeof formula === "string" && formula.startsWith("=") && MKT_CALL.test(formula);
}

export { isPendingValue } from "../../common/excel/calculated-cells";

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
