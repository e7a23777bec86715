import type { ExcelRunner } from "../../../src/taskpane/common/excel/excel-run";
import { Batch } from "./batch";
import { areaText, Cell, CellValue, key, newSheet, parseAddress, SheetState, WorkbookState } from "./state";
import { FakeRequestContext } from "./workbook";

export { FakeExcelError } from "./state";
export type { CellValue } from "./state";

export interface CellSeed {
  value?: CellValue;
  formula?: string;
  numberFormat?: string;
  /** Makes the cell a spill anchor showing these values. */
  spill?: CellValue[][];
}

/**
 * A stateful stand-in for Excel behind `Excel.run`: a workbook with sheets, cells, tables,
 * names, charts, conditional formats and notes, driven through the same calls the add-in
 * makes (see batch.ts for the load/sync and failure rules).
 */
export class FakeExcel {
  readonly batch: Batch;

  constructor(readonly state: WorkbookState = FakeExcel.blank()) {
    this.batch = new Batch(state);
  }

  static blank(sheets: readonly string[] = ["Sheet1"]): WorkbookState {
    const state = new WorkbookState();
    for (const name of sheets) state.sheets.push(newSheet(name));
    state.activeSheet = sheets[0];
    return state;
  }

  static withSheets(...sheets: string[]): FakeExcel {
    return new FakeExcel(FakeExcel.blank(sheets));
  }

  /** `Excel.run`: the batch gets a fresh context; a final sync commits what is left. */
  readonly run: ExcelRunner = async (batch) => {
    const context = new FakeRequestContext(this.batch);
    const result = await batch(context as unknown as Excel.RequestContext);
    await context.sync();
    return result;
  };

  /** The same workbook after save and reopen: a deep copy with new proxies. */
  reopened(): FakeExcel {
    return new FakeExcel(this.state.clone());
  }

  sheet(name: string): SheetState {
    return this.state.requireSheet(name);
  }

  seed(sheetName: string, address: string, seed: CellSeed | CellValue): void {
    const sheet = this.sheet(sheetName);
    const { area } = parseAddress(address);
    const spec: CellSeed = typeof seed === "object" ? seed : { value: seed };
    const cell: Cell = {
      value: spec.value ?? spec.spill?.[0][0] ?? "",
      formula: spec.formula ?? "",
      numberFormat: spec.numberFormat ?? "General",
      spill: spec.spill,
    };
    sheet.cells.set(key(area.row, area.column), cell);
    spec.spill?.forEach((line, r) =>
      line.forEach((value, c) => {
        if (r === 0 && c === 0) return;
        sheet.cells.set(key(area.row + r, area.column + c), {
          value,
          formula: "",
          numberFormat: "General",
          spilledFrom: key(area.row, area.column),
        });
      }),
    );
  }

  cell(sheetName: string, address: string): Cell {
    const { area } = parseAddress(address);
    return this.state.cell(this.sheet(sheetName), area.row, area.column);
  }

  /** Values of an area, row by row. */
  values(sheetName: string, address: string): CellValue[][] {
    return this.grid(sheetName, address, (cell) => cell.value);
  }

  /** Formulas (or constants) of an area, row by row. */
  formulas(sheetName: string, address: string): CellValue[][] {
    return this.grid(sheetName, address, (cell) => (cell.formula !== "" ? cell.formula : cell.value));
  }

  numberFormats(sheetName: string, address: string): string[][] {
    return this.grid(sheetName, address, (cell) => cell.numberFormat);
  }

  private grid<T>(sheetName: string, address: string, read: (cell: Cell) => T): T[][] {
    const { area } = parseAddress(address);
    const sheet = this.sheet(sheetName);
    return Array.from({ length: area.rows }, (_, r) =>
      Array.from({ length: area.columns }, (_, c) => read(this.state.cell(sheet, area.row + r, area.column + c))),
    );
  }

  select(sheetName: string, address: string): void {
    this.state.activeSheet = this.sheet(sheetName).name;
    this.state.selection = parseAddress(address).area;
  }

  table(name: string): { sheet: string; address: string } | undefined {
    const table = this.state.table(name);
    return table === undefined ? undefined : { sheet: table.sheet.name, address: areaText(table.area) };
  }
}
