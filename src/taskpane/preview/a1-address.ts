import { columnLetters as lettersOfIndex } from "../excel/a1";

/** "A", "B", … "Z", "AA": Excel's letters for a 1-based column number. */
export function columnLetters(column: number): string {
  return lettersOfIndex(column - 1);
}

/** "A1:K9" for a block of `rows` × `columns` cells whose top-left cell is (row, column), 1-based. */
export function rangeAddress(row: number, column: number, rows: number, columns: number): string {
  const first = `${columnLetters(column)}${row}`;
  const last = `${columnLetters(column + Math.max(columns, 1) - 1)}${row + Math.max(rows, 1) - 1}`;
  return first === last ? first : `${first}:${last}`;
}
