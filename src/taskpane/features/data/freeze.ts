import { areaAddress, cellAddress, placeDescription } from "../../../workbook";
import { ApiSupport, ExcelRunner, officeApiSupport, runInExcel } from "../../common/excel/excel-run";
import { TEXT_FORMAT } from "../../common/excel/number-formats";
import type { FreezeResult, FreezeScope, ProgressListener, Provenance } from "../../common/workbook";
import { isPendingValue, mktCells } from "./mkt-cells";

/** Range.getSpillingToRangeOrNullObject: ExcelApi 1.12; notes: ExcelApi 1.18. */
const SPILLS = "1.12";
const NOTES = "1.18";

interface Area {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

interface Write {
  readonly area: Area;
  readonly values: unknown[][];
  /** Cells of the write that hold an error value. */
  readonly errors: number;
}

const errorCount = (valueTypes: readonly (readonly string[])[]): number =>
  valueTypes.reduce((sum, line) => sum + line.filter((type) => type === "Error").length, 0);

export function formatAsOf(asOf: Date): string {
  return `${asOf.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function provenanceNote(provenance: Provenance, formulas: number, where: string): string {
  return (
    `Frozen by Rotation Desk on ${formatAsOf(provenance.asOf)}: ${formulas} MKT formula${formulas === 1 ? "" : "s"} in ${where} ` +
    `replaced by their values, from ${provenance.provider}.`
  );
}

export function provenanceLine(provenance: Provenance, where: string): string {
  return `Values as of ${formatAsOf(provenance.asOf)} from ${provenance.provider} (frozen MKT formulas in ${where})`;
}

const inside = (area: Area, row: number, column: number): boolean =>
  row >= area.row && row < area.row + area.rows && column >= area.column && column < area.column + area.columns;

const isEmpty = (range: Excel.Range): boolean =>
  (range.formulas[0][0] === "" || range.formulas[0][0] === null) && (range.values[0][0] === "" || range.values[0][0] === null);

async function scopeRange(context: Excel.RequestContext, sheet: Excel.Worksheet, scope: FreezeScope): Promise<Excel.Range> {
  const used = sheet.getUsedRangeOrNullObject(true).load("address");
  await context.sync();
  if (used.isNullObject) throw new Error(`Sheet ${sheet.name} is empty: there is nothing to freeze.`);
  const range = scope === "selection" ? context.workbook.getSelectedRange().getIntersectionOrNullObject(used) : used;
  range.load("rowIndex, columnIndex, rowCount, columnCount, formulas, values, valueTypes");
  await context.sync();
  if (range.isNullObject) throw new Error("The selection holds no MKT formulas: select the cells to freeze.");
  return range;
}

/**
 * Replaces the MKT formulas in the selection or the active sheet by their current values
 * (other formulas are left alone; a spilled result is frozen whole), refusing while any still
 * calculates, and records the provider and time in a note on the top-left cell (where the host
 * has notes) and in a visible line next to the range.
 */
export async function freezeMktFormulas(
  scope: FreezeScope,
  provenance: Provenance,
  progress: ProgressListener = () => undefined,
  run: ExcelRunner = runInExcel,
  supports: ApiSupport = officeApiSupport,
): Promise<FreezeResult> {
  return run(async (context) => {
    const total = 3;
    progress({ done: 0, total, label: "Finding MKT formulas" });
    const sheet = context.workbook.worksheets.getActiveWorksheet().load("name");
    const range = await scopeRange(context, sheet, scope);
    const area: Area = { row: range.rowIndex, column: range.columnIndex, rows: range.rowCount, columns: range.columnCount };
    const where = `${sheet.name}!${areaAddress(area.row, area.column, area.rows, area.columns)}`;
    const cells = mktCells(range.formulas);
    if (cells.length === 0) throw new Error(`No MKT formulas in ${where}: nothing to freeze.`);
    const pending = cells.filter((cell) => isPendingValue(range.values[cell.row][cell.column]));
    if (pending.length > 0) {
      const first = cellAddress(area.row + pending[0].row, area.column + pending[0].column);
      throw new Error(
        `${pending.length} MKT formula${pending.length === 1 ? " is" : "s are"} still calculating (e.g. ${sheet.name}!${first}). ` +
          "Wait until every cell shows a value, then freeze again; nothing was changed.",
      );
    }

    const spills = supports(SPILLS)
      ? cells.map((cell) =>
          range
            .getCell(cell.row, cell.column)
            .getSpillingToRangeOrNullObject()
            .load("rowIndex, columnIndex, rowCount, columnCount, values, valueTypes"),
        )
      : null;
    const besides = sheet.getRangeByIndexes(area.row, area.column + area.columns, 1, 1).load("formulas, values");
    const below = sheet.getRangeByIndexes(area.row + area.rows, area.column, 1, 1).load("formulas, values");
    const topLeft = cellAddress(area.row, area.column);
    const notes = supports(NOTES);
    const existingNote = notes ? sheet.notes.getItemOrNullObject(topLeft).load("content") : null;
    await context.sync();

    const writes: Write[] = [];
    cells.forEach((cell, i) => {
      const row = area.row + cell.row;
      const column = area.column + cell.column;
      if (writes.some((write) => inside(write.area, row, column))) return;
      const spill = spills?.[i];
      if (spill !== undefined && !spill.isNullObject) {
        const spillArea = { row: spill.rowIndex, column: spill.columnIndex, rows: spill.rowCount, columns: spill.columnCount };
        writes.push({ area: spillArea, values: spill.values, errors: errorCount(spill.valueTypes) });
      } else {
        const errors = range.valueTypes[cell.row][cell.column] === "Error" ? 1 : 0;
        writes.push({ area: { row, column, rows: 1, columns: 1 }, values: [[range.values[cell.row][cell.column]]], errors });
      }
    });
    const lineCell = isEmpty(besides) ? besides : isEmpty(below) ? below : null;
    if (lineCell === null && !notes) {
      throw new Error(`No empty cell right of or below ${where} for the provenance line; clear one and freeze again.`);
    }

    progress({ done: 1, total, label: `Freezing ${cells.length} MKT formulas` });
    context.workbook.application.suspendApiCalculationUntilNextSync();
    for (const write of writes) {
      sheet.getRangeByIndexes(write.area.row, write.area.column, write.area.rows, write.area.columns).values = write.values;
    }
    const note = provenanceNote(provenance, cells.length, where);
    if (existingNote !== null && !existingNote.isNullObject) existingNote.content = `${existingNote.content}\n${note}`;
    else if (notes) sheet.notes.add(sheet.getRangeByIndexes(area.row, area.column, 1, 1), note);
    if (lineCell !== null) {
      lineCell.numberFormat = [[TEXT_FORMAT]];
      lineCell.values = [[provenanceLine(provenance, where)]];
      lineCell.format.font.italic = true;
      lineCell.format.font.color = "#595959";
    }
    await context.sync();
    const frozenCells = writes.reduce((sum, write) => sum + write.area.rows * write.area.columns, 0);
    const errorCells = writes.reduce((sum, write) => sum + write.errors, 0);
    progress({ done: total, total, label: `Froze ${frozenCells} cells` });
    return {
      address: placeDescription(sheet.name, areaAddress(area.row, area.column, area.rows, area.columns)),
      frozenCells,
      errorCells,
    };
  });
}
