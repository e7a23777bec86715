/**
 * A1 notation for 0-based row and column indexes: what the Excel writers (the pane's, through the
 * `*ByIndexes` methods, and the .xlsx writer, in cell references) and the layouts address cells with.
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

/** `$A$1:$B$9`, the absolute form charts and names use. */
export function absoluteArea(row: number, column: number, rowCount: number, columnCount: number): string {
  const first = absoluteCell(row, column);
  if (rowCount === 1 && columnCount === 1) return first;
  return `${first}:${absoluteCell(row + rowCount - 1, column + columnCount - 1)}`;
}

/** A sheet name as a formula writes it before `!`: quoted (inner quotes doubled) unless it is a plain word. */
export function quotedSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}[0-9]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** 0-based row and column of "B12" or "$B$12"; null when the text is not one cell reference. */
export function parseCellAddress(text: string): { row: number; column: number } | null {
  const match = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/.exec(text);
  if (match === null) return null;
  let column = 0;
  for (const char of match[1].toUpperCase()) column = column * 26 + (char.charCodeAt(0) - 64);
  const row = Number(match[2]);
  if (row < 1 || row > 1_048_576 || column > 16_384) return null;
  return { row: row - 1, column: column - 1 };
}

/** For messages: "Sheet 'Mag_7' A1:K12". */
export function placeDescription(sheet: string, address: string): string {
  return `Sheet '${sheet}' ${address}`;
}
