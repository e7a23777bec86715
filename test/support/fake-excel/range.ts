import { Batch, FakeClientObject } from "./batch";
import {
  Area,
  areaText,
  CellValue,
  ConditionalFormatRecord,
  FakeExcelError,
  FontRecord,
  intersect,
  key,
  MAX_COLUMNS,
  MAX_ROWS,
  parseAddress,
  quoteSheet,
  SheetState,
  valueTypeOf,
} from "./state";
import type { FakeTableScopedCollection, FakeWorksheet } from "./workbook";

type Grid = unknown[][];

export function checkArea(area: Area): void {
  if (
    area.row < 0 ||
    area.column < 0 ||
    area.rows < 1 ||
    area.columns < 1 ||
    area.row + area.rows > MAX_ROWS ||
    area.column + area.columns > MAX_COLUMNS
  ) {
    throw new FakeExcelError("InvalidArgument", `Range outside the sheet: ${JSON.stringify(area)}`);
  }
}

class FakeFont {
  constructor(private readonly range: FakeRange) {}
  private set(property: keyof FontRecord, value: unknown): void {
    this.range.forEachCell(`font.${property}`, (sheet, row, column) => {
      const font = sheet.fonts.get(key(row, column)) ?? {};
      (font as Record<string, unknown>)[property] = value;
      sheet.fonts.set(key(row, column), font);
    });
  }
  set bold(value: boolean) {
    this.set("bold", value);
  }
  set italic(value: boolean) {
    this.set("italic", value);
  }
  set size(value: number) {
    this.set("size", value);
  }
  set color(value: string) {
    this.set("color", value);
  }
}

class FakeRangeFormat {
  readonly font: FakeFont;
  constructor(private readonly range: FakeRange) {
    this.font = new FakeFont(range);
  }
  autofitColumns(): void {
    this.range.command("autofitColumns", () => this.range.sheetState.autofitted.push(this.range.localAddress));
  }
}

/** A conditional format whose writes land in the sheet's records. */
class FakeConditionalFormat {
  constructor(
    private readonly batch: Batch,
    private readonly record: ConditionalFormatRecord,
  ) {}
  get cellValue(): unknown {
    const { batch, record } = this;
    const format = {
      font: {
        set color(value: string) {
          batch.run("cf.font.color", () => (record.fontColor = value));
        },
      },
      fill: {
        set color(value: string) {
          batch.run("cf.fill.color", () => (record.fillColor = value));
        },
      },
    };
    return {
      format,
      set rule(value: ConditionalFormatRecord["rule"]) {
        batch.run("cf.rule", () => (record.rule = value));
      },
    };
  }
}

class FakeConditionalFormats {
  constructor(private readonly range: FakeRange) {}
  add(type: string): FakeConditionalFormat {
    const record: ConditionalFormatRecord = { address: this.range.localAddress, type };
    this.range.command(`conditionalFormats.add ${type}`, () => this.range.sheetState.conditionalFormats.push(record));
    return new FakeConditionalFormat(this.range.batchRef, record);
  }
}

export class FakeRange extends FakeClientObject {
  readonly format: FakeRangeFormat;
  readonly conditionalFormats: FakeConditionalFormats;

  constructor(
    batch: Batch,
    private readonly sheetProxy: FakeWorksheet,
    readonly area: Area,
    private readonly nullObject = false,
  ) {
    super(batch);
    if (!nullObject) checkArea(area);
    this.format = new FakeRangeFormat(this);
    this.conditionalFormats = new FakeConditionalFormats(this);
  }

  get sheetState(): SheetState {
    return this.sheetProxy.sheetState;
  }

  get batchRef(): Batch {
    return this.batch;
  }

  get localAddress(): string {
    return areaText(this.area);
  }

  protected override isNull(): boolean {
    return this.nullObject;
  }

  command(label: string, action: () => void): void {
    this.batch.run(`${label} ${this.sheetState.name}!${this.localAddress}`, action);
  }

  forEachCell(label: string, action: (sheet: SheetState, row: number, column: number) => void): void {
    this.command(label, () => {
      for (let r = 0; r < this.area.rows; r++)
        for (let c = 0; c < this.area.columns; c++) action(this.sheetState, this.area.row + r, this.area.column + c);
    });
  }

  private grid<T>(read: (row: number, column: number) => T): T[][] {
    return Array.from({ length: this.area.rows }, (_, r) =>
      Array.from({ length: this.area.columns }, (_, c) => read(this.area.row + r, this.area.column + c)),
    );
  }

  /** The value shown in a cell, spilled results included. */
  private shown(row: number, column: number): CellValue {
    return this.state.cell(this.sheetState, row, column).value;
  }

  private write(label: string, input: Grid, apply: (row: number, column: number, value: unknown) => void): void {
    this.command(label, () => {
      if (
        !Array.isArray(input) ||
        input.length !== this.area.rows ||
        input.some((line) => !Array.isArray(line) || line.length !== this.area.columns)
      ) {
        throw new FakeExcelError(
          "InvalidArgument",
          `${label}: array does not match ${this.area.rows}×${this.area.columns} at ${this.localAddress}`,
        );
      }
      input.forEach((line, r) => line.forEach((value, c) => apply(this.area.row + r, this.area.column + c, value)));
    });
  }

  get address(): string {
    this.need("address");
    return `${quoteSheet(this.sheetState.name)}!${this.localAddress}`;
  }
  get rowIndex(): number {
    this.need("rowIndex");
    return this.area.row;
  }
  get columnIndex(): number {
    this.need("columnIndex");
    return this.area.column;
  }
  get rowCount(): number {
    this.need("rowCount");
    return this.area.rows;
  }
  get columnCount(): number {
    this.need("columnCount");
    return this.area.columns;
  }
  get values(): CellValue[][] {
    this.need("values");
    return this.grid((row, column) => this.shown(row, column));
  }
  get valueTypes(): string[][] {
    this.need("valueTypes");
    return this.grid((row, column) => valueTypeOf(this.shown(row, column)));
  }
  set values(input: Grid) {
    this.write("values", input, (row, column, value) => this.state.enter(this.sheetState, row, column, value, false));
  }
  get formulas(): CellValue[][] {
    this.need("formulas");
    return this.grid((row, column) => {
      const cell = this.state.cell(this.sheetState, row, column);
      return cell.formula !== "" ? cell.formula : cell.value;
    });
  }
  set formulas(input: Grid) {
    this.write("formulas", input, (row, column, value) => this.state.enter(this.sheetState, row, column, value, true));
  }
  get numberFormat(): string[][] {
    this.need("numberFormat");
    return this.grid((row, column) => this.state.cell(this.sheetState, row, column).numberFormat);
  }
  set numberFormat(input: Grid) {
    this.write("numberFormat", input, (row, column, format) => {
      const cell = this.state.cell(this.sheetState, row, column);
      this.state.setCell(this.sheetState, row, column, { ...cell, numberFormat: String(format) });
    });
  }
  get worksheet(): FakeWorksheet {
    return this.sheetProxy;
  }

  private at(area: Area, nullObject = false): FakeRange {
    return new FakeRange(this.batch, this.sheetProxy, area, nullObject);
  }

  getCell(row: number, column: number): FakeRange {
    return this.at({ row: this.area.row + row, column: this.area.column + column, rows: 1, columns: 1 });
  }
  getIntersectionOrNullObject(other: FakeRange | string): FakeRange {
    const otherArea = typeof other === "string" ? parseAddress(other).area : other.area;
    const common = intersect(this.area, otherArea);
    return common === null ? this.at(this.area, true) : this.at(common);
  }
  getSpillingToRangeOrNullObject(): FakeRange {
    const spill = this.state.cell(this.sheetState, this.area.row, this.area.column).spill;
    if (spill === undefined) return this.at(this.area, true);
    return this.at({ row: this.area.row, column: this.area.column, rows: spill.length, columns: spill[0].length });
  }
  getTables(fullyContained = false): FakeTableScopedCollection {
    return this.sheetProxy.tablesTouching(this.area, fullyContained);
  }
  /** Range.calculate (ExcelApi 1.6): every formula in the range is evaluated again, dirty or not. */
  calculate(): void {
    this.forEachCell("range.calculate", (sheet, row, column) => {
      const cell = this.state.cell(sheet, row, column);
      if (cell.formula === "") return;
      const value = this.state.evaluate(cell.formula);
      this.state.setCell(sheet, row, column, { ...cell, value, ...(value === "#BUSY!" ? { calculating: true } : {}) });
    });
  }
  clear(): void {
    this.forEachCell("clear", (sheet, row, column) => {
      sheet.cells.delete(key(row, column));
      sheet.fonts.delete(key(row, column));
    });
  }
}
