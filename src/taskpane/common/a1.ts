/**
 * A1 notation for 0-based row and column indexes, as the Excel API's `*ByIndexes` methods use;
 * the Excel writers and the preview sheet both address cells with these.
 */

/** "A", "B", … "Z", "AA": Excel's letters for a 0-based column index. */
export function columnLetters(column: number): string {
  let n = column + 1;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function cellAddress(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

/** `$A$3`: a reference that stays put when a formula is filled down or across. */
export function absoluteCell(row: number, column: number): string {
  return `$${columnLetters(column)}$${row + 1}`;
}

/** `$A13`: column fixed, row relative. */
export function columnAbsoluteCell(row: number, column: number): string {
  return `$${columnLetters(column)}${row + 1}`;
}

export function areaAddress(row: number, column: number, rowCount: number, columnCount: number): string {
  const first = cellAddress(row, column);
  if (rowCount === 1 && columnCount === 1) return first;
  return `${first}:${cellAddress(row + rowCount - 1, column + columnCount - 1)}`;
}

/** For the pane's messages: "Sheet 'Mag_7' A1:K12". */
export function placeDescription(sheet: string, address: string): string {
  return `Sheet '${sheet}' ${address}`;
}
