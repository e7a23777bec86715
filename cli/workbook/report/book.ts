import type { HighlightRule } from "../../../src/workbook";
import type { Scalar } from "../formula/values";
import type { Area } from "../refresh/cell-keys";

/**
 * A workbook being generated (`mkt report`): cells with stored-form formulas and values, tables,
 * conditional formats, a chart, names. Composed from the shared layouts (compose.ts), calculated
 * with the refresh's engine, then written as .xlsx parts (xlsx-writer.ts).
 */

export interface CellStyle {
  readonly numberFormat: string;
  readonly bold?: boolean;
  readonly size?: number | null;
}

export interface BookCell {
  value: Scalar;
  /** Formula as stored in the file (no "=", `_xldudf_MKT_…`, `[#This Row]`); null for a constant. */
  readonly formula: string | null;
  readonly style: CellStyle;
}

export interface BookTable {
  readonly name: string;
  /** Header row to last row. */
  readonly area: Omit<Area, "sheet">;
  readonly columns: readonly string[];
  /** Per column, the stored formula every body cell of it holds (a calculated column), or null. */
  readonly calculated: readonly (string | null)[];
}

export interface ChartSeries {
  /** Header cell holding the series name, and the value and category columns (0-based, on the chart's sheet). */
  readonly nameCell: { readonly row: number; readonly column: number };
  readonly values: Omit<Area, "sheet">;
  readonly categories: Omit<Area, "sheet">;
  readonly color: string;
  readonly dash: string;
}

export interface BookChart {
  readonly title: string;
  readonly from: { readonly row: number; readonly column: number };
  /** The last cell the chart covers. */
  readonly to: { readonly row: number; readonly column: number };
  readonly series: readonly ChartSeries[];
  readonly categoryFormat: string;
  readonly valueFormat: string;
  readonly gridlineColor: string;
  readonly majorMonths: number;
  readonly minorMonths: number;
  readonly lineWeightPoints: number;
  /** Set once the values are computed: round bounds and step (else Excel's automatic axis). */
  valueScale: { minimum: number; maximum: number; majorUnit: number; numberFormat: string } | null;
}

export interface BookSheet {
  readonly name: string;
  /** Cells by `row * 16384 + column`. */
  readonly cells: Map<number, BookCell>;
  readonly tables: BookTable[];
  readonly conditionalFormats: { readonly area: Omit<Area, "sheet">; readonly rules: readonly HighlightRule[] }[];
  chart: BookChart | null;
  /** Column widths in characters, for the columns that have one. */
  readonly widths: Map<number, number>;
}

export interface BookName {
  readonly name: string;
  /** Stored form, without "=". */
  readonly formula: string;
  readonly comment: string | null;
}

export interface Book {
  readonly sheets: BookSheet[];
  readonly names: BookName[];
}

export const COLUMNS = 16_384;

export function newSheet(name: string): BookSheet {
  return { name, cells: new Map(), tables: [], conditionalFormats: [], chart: null, widths: new Map() };
}

export function setCell(sheet: BookSheet, row: number, column: number, cell: BookCell): void {
  sheet.cells.set(row * COLUMNS + column, cell);
}
