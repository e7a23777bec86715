/**
 * The workbook behind the fake Excel: sheets of cells, tables, names, charts, conditional
 * formats and notes, with the Excel rules our writers could trip over (name clashes, table
 * overlaps, array sizes, Text-formatted cells, table renames rewriting references).
 */

export type CellValue = string | number | boolean;

export interface Cell {
  value: CellValue;
  /** "" for a constant. */
  formula: string;
  numberFormat: string;
  /** Set on the anchor of a spilled (dynamic array) result. */
  spill?: CellValue[][];
  /** Set on the other cells of a spill: they show a value but hold nothing of their own. */
  spilledFrom?: string;
  /** Written by the add-in and still computing ("#BUSY!" from `evaluate`): settles at a later sync. */
  calculating?: boolean;
}

export interface Area {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export interface FontRecord {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
}

export interface ConditionalFormatRecord {
  address: string;
  type: string;
  rule?: { formula1: string; formula2?: string; operator: string };
  fontColor?: string;
  fillColor?: string;
}

/** Properties written to a chart part (a series' line, an axis, its gridlines, the legend). */
export type ChartProperties = Record<string, unknown>;

export interface ChartRecord {
  type: string;
  source: string;
  seriesBy: string;
  title?: string;
  series: { xAxisValues?: string; line?: ChartProperties }[];
  axes: { value: ChartProperties; category: ChartProperties };
  legend: ChartProperties;
  position?: { start: string; end?: string };
}

/** The error values a cell can show; Range.valueTypes calls these "Error". */
export const EXCEL_ERRORS = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BUSY!",
  "#BLOCKED!",
  "#CONNECT!",
  "#UNKNOWN!",
]);

/** Range.valueTypes for a shown value: Empty, Double, Boolean, Error or String. */
export function valueTypeOf(value: CellValue): string {
  if (value === "") return "Empty";
  if (typeof value === "number") return "Double";
  if (typeof value === "boolean") return "Boolean";
  return EXCEL_ERRORS.has(value) ? "Error" : "String";
}

export interface SheetState {
  name: string;
  cells: Map<string, Cell>;
  fonts: Map<string, FontRecord>;
  conditionalFormats: ConditionalFormatRecord[];
  charts: ChartRecord[];
  notes: Map<string, string>;
  autofitted: string[];
  calculations: number;
}

export interface TableState {
  name: string;
  sheet: SheetState;
  area: Area;
}

export interface NameState {
  name: string;
  formula: string;
  comment: string;
}

export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export function columnName(column: number): string {
  let n = column + 1;
  let text = "";
  while (n > 0) {
    text = String.fromCharCode(65 + ((n - 1) % 26)) + text;
    n = Math.floor((n - 1) / 26);
  }
  return text;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const char of letters.toUpperCase()) n = n * 26 + (char.charCodeAt(0) - 64);
  return n - 1;
}

export const key = (row: number, column: number): string => `${row},${column}`;

export function areaText(area: Area): string {
  const first = `${columnName(area.column)}${area.row + 1}`;
  if (area.rows === 1 && area.columns === 1) return first;
  return `${first}:${columnName(area.column + area.columns - 1)}${area.row + area.rows}`;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "B2", "$B$2:C9", "Sheet 1!A1" (sheet part returned separately). */
export function parseAddress(address: string): { sheet: string | null; area: Area } {
  const bang = address.lastIndexOf("!");
  const sheet = bang < 0 ? null : address.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'");
  const local = bang < 0 ? address : address.slice(bang + 1);
  const match = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(local.trim());
  if (!match) throw new FakeExcelError("InvalidArgument", `Bad address ${address}`);
  const row = Number(match[2]) - 1;
  const column = columnIndex(match[1]);
  const lastRow = match[4] === undefined ? row : Number(match[4]) - 1;
  const lastColumn = match[3] === undefined ? column : columnIndex(match[3]);
  return { sheet, area: { row, column, rows: lastRow - row + 1, columns: lastColumn - column + 1 } };
}

export function intersect(a: Area, b: Area): Area | null {
  const row = Math.max(a.row, b.row);
  const column = Math.max(a.column, b.column);
  const lastRow = Math.min(a.row + a.rows, b.row + b.rows);
  const lastColumn = Math.min(a.column + a.columns, b.column + b.columns);
  if (lastRow <= row || lastColumn <= column) return null;
  return { row, column, rows: lastRow - row, columns: lastColumn - column };
}

export function newSheet(name: string): SheetState {
  return {
    name,
    cells: new Map(),
    fonts: new Map(),
    conditionalFormats: [],
    charts: [],
    notes: new Map(),
    autofitted: [],
    calculations: 0,
  };
}

/** Excel's own name rules, written independently of src/baskets/basket-name.ts on purpose. */
export function isValidExcelName(name: string): boolean {
  if (!/^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]{0,254}$/.test(name)) return false;
  if (/^(true|false)$/i.test(name)) return false;
  const a1 = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
  if (a1 && columnIndex(a1[1]) < MAX_COLUMNS && Number(a1[2]) >= 1 && Number(a1[2]) <= MAX_ROWS) return false;
  if (/^[RrCc]$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name) || /^[Rr]\d+$/.test(name) || /^[Cc]\d+$/.test(name)) return false;
  return true;
}

export class WorkbookState {
  sheets: SheetState[] = [];
  tables: TableState[] = [];
  names: NameState[] = [];
  activeSheet = "";
  selection: Area = { row: 0, column: 0, rows: 1, columns: 1 };
  /** application.calculate calls and suspendApiCalculationUntilNextSync calls. */
  calculations: string[] = [];
  suspendedCalculation = 0;
  /**
   * What a formula written by the add-in evaluates to; tests replace it. "#BUSY!" stands for an
   * asynchronous function still computing: such cells are evaluated again at every sync (time
   * passing between two of the add-in's reads), until they show something else.
   */
  evaluate: (formula: string) => CellValue = () => 0;

  /** Cells the add-in wrote that are still "#BUSY!" get their formula evaluated again. */
  settleBusyCells(): void {
    for (const sheet of this.sheets) {
      for (const cell of sheet.cells.values()) {
        if (cell.calculating !== true) continue;
        cell.value = this.evaluate(cell.formula);
        if (cell.value !== "#BUSY!") delete cell.calculating;
      }
    }
  }

  sheet(name: string): SheetState | undefined {
    return this.sheets.find((sheet) => sheet.name.toLowerCase() === name.toLowerCase());
  }

  requireSheet(name: string): SheetState {
    const sheet = this.sheet(name);
    if (sheet === undefined) throw new FakeExcelError("ItemNotFound", `No sheet ${name}`);
    return sheet;
  }

  table(name: string): TableState | undefined {
    return this.tables.find((table) => table.name.toLowerCase() === name.toLowerCase());
  }

  name(name: string): NameState | undefined {
    return this.names.find((item) => item.name.toLowerCase() === name.toLowerCase());
  }

  /** Table names and defined names share one namespace. */
  assertFreeName(name: string, except?: TableState | NameState): void {
    if (!isValidExcelName(name)) throw new FakeExcelError("InvalidArgument", `Invalid name ${name}`);
    const clash = [...this.tables, ...this.names].find((item) => item !== except && item.name.toLowerCase() === name.toLowerCase());
    if (clash) throw new FakeExcelError("InvalidArgument", `The name ${name} already exists`);
  }

  cell(sheet: SheetState, row: number, column: number): Cell {
    return sheet.cells.get(key(row, column)) ?? { value: "", formula: "", numberFormat: "General" };
  }

  setCell(sheet: SheetState, row: number, column: number, cell: Cell): void {
    if (cell.value === "" && cell.formula === "" && cell.numberFormat === "General") sheet.cells.delete(key(row, column));
    else sheet.cells.set(key(row, column), cell);
  }

  /** Excel's reading of text put in a cell by Range.values or Range.formulas. */
  enter(sheet: SheetState, row: number, column: number, input: unknown, asFormula: boolean): void {
    const current = this.cell(sheet, row, column);
    if (current.spill !== undefined) this.clearSpill(sheet, row, column, current.spill);
    const base = { numberFormat: current.numberFormat };
    if (input === null || input === undefined || input === "") {
      this.setCell(sheet, row, column, { ...base, value: "", formula: "" });
    } else if (typeof input === "string" && current.numberFormat === "@") {
      // A Text-formatted cell keeps what is typed, even "=…", as text.
      this.setCell(sheet, row, column, { ...base, value: input, formula: "" });
    } else if (typeof input === "string" && input.startsWith("=")) {
      const value = this.evaluate(input);
      this.setCell(sheet, row, column, { ...base, value, formula: input, ...(value === "#BUSY!" ? { calculating: true } : {}) });
    } else if (typeof input === "string" && !asFormula && /^-?\d+(\.\d+)?$/.test(input)) {
      this.setCell(sheet, row, column, { ...base, value: Number(input), formula: "" });
    } else if (typeof input === "string" || typeof input === "number" || typeof input === "boolean") {
      this.setCell(sheet, row, column, { ...base, value: input, formula: "" });
    } else {
      throw new FakeExcelError("InvalidArgument", `Cannot put ${typeof input} in a cell`);
    }
  }

  /** A spill disappears when its anchor is overwritten. */
  private clearSpill(sheet: SheetState, row: number, column: number, spill: CellValue[][]): void {
    spill.forEach((line, r) =>
      line.forEach((_, c) => {
        const child = sheet.cells.get(key(row + r, column + c));
        if (child?.spilledFrom === key(row, column)) sheet.cells.delete(key(row + r, column + c));
      }),
    );
  }

  usedArea(sheet: SheetState): Area | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [at, cell] of sheet.cells) {
      if (cell.value === "" && cell.formula === "") continue;
      const [row, column] = at.split(",").map(Number);
      const spill = cell.spill;
      top = Math.min(top, row);
      left = Math.min(left, column);
      bottom = Math.max(bottom, row + (spill?.length ?? 1) - 1);
      right = Math.max(right, column + (spill?.[0].length ?? 1) - 1);
    }
    return bottom < 0 ? null : { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
  }

  /** Excel rewrites structured references when a table is renamed. */
  renameTable(table: TableState, name: string): void {
    this.assertFreeName(name, table);
    const pattern = new RegExp(`(^|[^A-Za-z0-9_.])${table.name.replace(/\./g, "\\.")}\\[`, "gi");
    const rewrite = (formula: string): string => formula.replace(pattern, (_, before: string) => `${before}${name}[`);
    for (const item of this.names) item.formula = rewrite(item.formula);
    for (const sheet of this.sheets) for (const cell of sheet.cells.values()) if (cell.formula !== "") cell.formula = rewrite(cell.formula);
    table.name = name;
  }

  deleteTable(table: TableState): void {
    this.tables = this.tables.filter((other) => other !== table);
    const { area, sheet } = table;
    for (let r = 0; r < area.rows; r++) for (let c = 0; c < area.columns; c++) sheet.cells.delete(key(area.row + r, area.column + c));
    const pattern = new RegExp(`(^|[^A-Za-z0-9_.])${table.name.replace(/\./g, "\\.")}\\[`, "i");
    for (const item of this.names) if (pattern.test(item.formula)) item.formula = "=#REF!";
  }

  /** A deep copy, as if the file were saved and opened again: nothing but workbook content survives. */
  clone(): WorkbookState {
    const copy = new WorkbookState();
    const sheets = new Map<SheetState, SheetState>();
    for (const sheet of this.sheets) {
      const cells = new Map([...sheet.cells].map(([at, cell]) => [at, { ...cell, spill: cell.spill?.map((row) => [...row]) }]));
      const twin: SheetState = {
        ...newSheet(sheet.name),
        cells,
        fonts: new Map([...sheet.fonts].map(([at, font]) => [at, { ...font }])),
        conditionalFormats: sheet.conditionalFormats.map((format) => ({ ...format })),
        charts: sheet.charts.map((chart) => ({
          ...chart,
          series: chart.series.map((s) => ({ ...s, line: s.line && { ...s.line } })),
          axes: { value: { ...chart.axes.value }, category: { ...chart.axes.category } },
          legend: { ...chart.legend },
        })),
        notes: new Map(sheet.notes),
      };
      sheets.set(sheet, twin);
      copy.sheets.push(twin);
    }
    copy.tables = this.tables.map((table) => ({ name: table.name, sheet: sheets.get(table.sheet)!, area: { ...table.area } }));
    copy.names = this.names.map((item) => ({ ...item }));
    copy.activeSheet = this.activeSheet;
    return copy;
  }
}
