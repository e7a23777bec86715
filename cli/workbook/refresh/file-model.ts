import { parseCellAddress } from "../../../src/workbook";
import { Node, shifted } from "../formula/ast";
import { FormulaParseError, parseFormula } from "../formula/parser";
import { ExcelError, isErrorCode, Scalar } from "../formula/values";
import { cachedValue, SheetCell } from "../xlsx/sheet-xml";
import type { WorkbookFile } from "../xlsx/workbook-file";
import { Area, cellKey } from "./cell-keys";
import type { ModelCell, RecalcModel } from "./recalc";

/** A workbook file as the recalculation's model: cells with cached values, shared formulas expanded. */

export function parseArea(sheet: number, ref: string): Area | null {
  const [first, second] = ref.split(":");
  const a = parseCellAddress(first);
  const b = second === undefined ? a : parseCellAddress(second);
  if (a === null || b === null) return null;
  return {
    sheet,
    top: Math.min(a.row, b.row),
    left: Math.min(a.column, b.column),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.column, b.column),
  };
}

function isoToSerial(text: string): number | null {
  const time = Date.parse(text.endsWith("Z") || /[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
  return Number.isNaN(time) ? null : time / 86_400_000 + 25_569;
}

export function scalarFromCell(cell: SheetCell, sharedStrings: readonly string[]): Scalar {
  const cached = cachedValue(cell, sharedStrings);
  switch (cached.kind) {
    case "blank":
      return null;
    case "error":
      return new ExcelError(isErrorCode(cached.value) ? cached.value : "#VALUE!");
    case "date":
      return isoToSerial(cached.value) ?? cached.value;
    default:
      return cached.value;
  }
}

export interface FileModel {
  readonly model: RecalcModel;
  /** The file's record of each cell, by key (what the writer edits). */
  readonly records: ReadonlyMap<number, SheetCell>;
}

export function fileModel(file: WorkbookFile): FileModel {
  const cells = new Map<number, ModelCell>();
  const records = new Map<number, SheetCell>();
  const dynamicCm = new Set(file.dynamicArrayCm);
  for (const sheet of file.sheets) {
    // Shared formulas: the master (with text and ref) parsed once, followers moved from it.
    const masters = new Map<number, { cell: SheetCell; node: Node | null; text: string }>();
    for (const row of sheet.xml.rows) {
      for (const cell of row.cells) {
        const f = cell.formula;
        if (f !== null && f.type === "shared" && f.sharedIndex !== null && f.text !== "" && !masters.has(f.sharedIndex)) {
          let node: Node | null = null;
          try {
            node = parseFormula(f.text);
          } catch (error) {
            if (!(error instanceof FormulaParseError)) throw error;
          }
          masters.set(f.sharedIndex, { cell, node, text: f.text });
        }
      }
    }
    for (const row of sheet.xml.rows) {
      for (const cell of row.cells) {
        const key = cellKey(sheet.index, cell.row, cell.column);
        records.set(key, cell);
        const f = cell.formula;
        let formula: string | null = null;
        let node: Node | undefined;
        if (f !== null && f.type !== "dataTable") {
          formula = f.text;
          if (f.type === "shared" && f.sharedIndex !== null) {
            const master = masters.get(f.sharedIndex);
            if (master !== undefined) {
              formula = master.text;
              if (master.node !== null) node = shifted(master.node, cell.row - master.cell.row, cell.column - master.cell.column);
            }
          }
          if (formula === "") formula = null;
        }
        const dynamic = cell.cm !== null && dynamicCm.has(cell.cm);
        cells.set(key, {
          sheet: sheet.index,
          row: cell.row,
          column: cell.column,
          formula,
          ...(node === undefined ? {} : { node }),
          cached: scalarFromCell(cell, file.sharedStrings),
          dynamic,
          arrayRef: f !== null && f.type === "array" && f.ref !== null ? parseArea(sheet.index, f.ref) : null,
        });
      }
    }
  }
  return {
    model: {
      sheets: file.sheets.map((sheet) => sheet.name),
      cells,
      names: file.names.map((name) => ({ name: name.name, localSheet: name.localSheet, formula: name.formula })),
      tables: file.tables,
    },
    records,
  };
}
