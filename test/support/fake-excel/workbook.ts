import { Batch, FakeClientObject } from "./batch";
import { checkArea, FakeRange } from "./range";
import {
  Area,
  areaText,
  ChartProperties,
  ChartRecord,
  FakeExcelError,
  intersect,
  NameState,
  newSheet,
  parseAddress,
  quoteSheet,
  SheetState,
  TableState,
} from "./state";

/** A collection whose `items` appear after load("items/…") and a sync. */
class FakeCollection<T extends FakeClientObject> extends FakeClientObject {
  private snapshot: T[] = [];

  constructor(
    batch: Batch,
    private readonly members: () => T[],
  ) {
    super(batch);
  }

  protected override onLoaded(names: string[]): void {
    super.onLoaded(names);
    this.snapshot = this.members();
    const itemProperties = names.filter((name) => name.startsWith("items/")).map((name) => name.slice("items/".length));
    for (const item of this.snapshot) (item as unknown as { markLoaded(names: string[]): void }).markLoaded(itemProperties);
  }

  get items(): T[] {
    this.need("items");
    return this.snapshot;
  }
}

export class FakeTable extends FakeClientObject {
  constructor(
    batch: Batch,
    private readonly sheetProxy: FakeWorksheet,
    private readonly table: TableState | null,
  ) {
    super(batch);
  }

  private live(): TableState {
    if (this.table === null || !this.state.tables.includes(this.table))
      throw new FakeExcelError("ItemNotFound", "The table no longer exists");
    return this.table;
  }

  get name(): string {
    this.need("name");
    return this.live().name;
  }
  set name(value: string) {
    this.batch.run(`table.name ${value}`, () => this.state.renameTable(this.live(), value));
  }
  get worksheet(): FakeWorksheet {
    return this.sheetProxy;
  }
  private range(area: (whole: Area) => Area): FakeRange {
    return new FakeRange(this.batch, this.sheetProxy, area(this.table?.area ?? { row: 0, column: 0, rows: 1, columns: 1 }));
  }
  getRange(): FakeRange {
    return this.range((whole) => whole);
  }
  getHeaderRowRange(): FakeRange {
    return this.range((whole) => ({ ...whole, rows: 1 }));
  }
  getDataBodyRange(): FakeRange {
    return this.range((whole) => ({ ...whole, row: whole.row + 1, rows: whole.rows - 1 }));
  }
  resize(target: FakeRange | string): void {
    this.batch.run(`table.resize ${this.table?.name}`, () => {
      const table = this.live();
      const area = typeof target === "string" ? parseAddress(target).area : target.area;
      if (area.row !== table.area.row || area.column !== table.area.column || area.rows < 2) {
        throw new FakeExcelError("InvalidArgument", "A resized table keeps its header row and needs a data row");
      }
      const others = this.state.tables.filter((other) => other !== table && other.sheet === table.sheet);
      if (others.some((other) => intersect(other.area, area) !== null))
        throw new FakeExcelError("InvalidArgument", "Tables cannot overlap");
      table.area = area;
    });
  }
  delete(): void {
    this.batch.run(`table.delete ${this.table?.name}`, () => this.state.deleteTable(this.live()));
  }
}

export type FakeTableScopedCollection = FakeCollection<FakeTable>;

class FakeTableCollection extends FakeCollection<FakeTable> {
  constructor(
    batch: Batch,
    private readonly sheetProxy: FakeWorksheet | null,
    private readonly proxyFor: (table: TableState) => FakeTable,
  ) {
    super(batch, () => batch.state.tables.filter((table) => sheetProxy === null || table.sheet === sheetProxy.sheetState).map(proxyFor));
  }

  getItem(name: string): FakeTable {
    const table = this.state.table(name);
    if (table === undefined || (this.sheetProxy !== null && table.sheet !== this.sheetProxy.sheetState)) {
      this.batch.fail(new FakeExcelError("ItemNotFound", `No table ${name}`));
      return new FakeTable(this.batch, this.sheetProxy!, null);
    }
    return this.proxyFor(table);
  }

  add(address: FakeRange | string, hasHeaders: boolean): FakeTable {
    if (this.sheetProxy === null) throw new Error("fake: use worksheet.tables.add");
    const sheetProxy = this.sheetProxy;
    const state: TableState = { name: "", sheet: sheetProxy.sheetState, area: { row: 0, column: 0, rows: 1, columns: 1 } };
    this.batch.run(`tables.add ${typeof address === "string" ? address : address.localAddress}`, () => {
      if (!hasHeaders) throw new Error("fake: only tables with headers are modelled");
      const area = typeof address === "string" ? parseAddress(address).area : address.area;
      checkArea(area);
      if (this.state.tables.some((table) => table.sheet === state.sheet && intersect(table.area, area) !== null)) {
        throw new FakeExcelError("InvalidArgument", "A table cannot overlap another table");
      }
      let n = 1;
      while (this.state.table(`Table${n}`) !== undefined || this.state.name(`Table${n}`) !== undefined) n++;
      Object.assign(state, { name: `Table${n}`, area });
      this.state.tables.push(state);
    });
    return new FakeTable(this.batch, sheetProxy, state);
  }
}

/**
 * A chart part whose property writes are commands recorded in the object `target()` gives
 * (created on the first write; reading properties back is not modelled); `parts` are the
 * sub-objects it hands out (format, line, majorGridlines…).
 */
function chartPart(batch: Batch, label: string, target: () => ChartProperties, parts: Record<string, () => unknown> = {}): unknown {
  return new Proxy(
    {},
    {
      get: (_object, property) => {
        if (typeof property === "string" && property in parts) return parts[property]();
        throw new FakeExcelError("PropertyNotLoaded", `fake: reading ${label}.${String(property)} is not modelled`);
      },
      set: (_object, property, value) => {
        batch.run(`${label}.${String(property)}`, () => (target()[String(property)] = value));
        return true;
      },
    },
  );
}

class FakeChart {
  constructor(
    private readonly batch: Batch,
    private readonly record: ChartRecord,
  ) {}
  get title(): { text: string } {
    const { batch, record } = this;
    return {
      get text(): string {
        return record.title ?? "";
      },
      set text(value: string) {
        batch.run("chart.title", () => (record.title = value));
      },
    };
  }
  get series(): unknown {
    const { batch, record } = this;
    const entry = (i: number): ChartRecord["series"][number] => {
      if (record.series[i] === undefined) throw new FakeExcelError("ItemNotFound", `No series ${i}`);
      return record.series[i];
    };
    return {
      getItemAt: (i: number) => ({
        setXAxisValues: (range: FakeRange) => batch.run(`chart.series ${i}`, () => (entry(i).xAxisValues = range.localAddress)),
        format: { line: chartPart(batch, `chart.series ${i}.line`, () => (entry(i).line ??= {})) },
      }),
    };
  }
  get axes(): unknown {
    const { batch, record } = this;
    const axis = (name: "value" | "category") => {
      const gridlines = (): ChartProperties => (record.axes[name].majorGridlines ??= {}) as ChartProperties;
      return chartPart(batch, `chart.${name}Axis`, () => record.axes[name], {
        majorGridlines: () =>
          chartPart(batch, `chart.${name}Axis.majorGridlines`, gridlines, {
            format: () => ({
              line: chartPart(batch, `chart.${name}Axis.majorGridlines.line`, () => (gridlines().line ??= {}) as ChartProperties),
            }),
          }),
      });
    };
    return { valueAxis: axis("value"), categoryAxis: axis("category") };
  }
  get legend(): unknown {
    return chartPart(this.batch, "chart.legend", () => this.record.legend);
  }
  setPosition(start: FakeRange | string, end?: FakeRange | string): void {
    const text = (at: FakeRange | string): string => (typeof at === "string" ? at : at.localAddress);
    this.batch.run(
      "chart.setPosition",
      () => (this.record.position = { start: text(start), end: end === undefined ? undefined : text(end) }),
    );
  }
}

class FakeNote extends FakeClientObject {
  constructor(
    batch: Batch,
    private readonly sheet: SheetState,
    private readonly address: string | null,
  ) {
    super(batch);
  }
  protected override isNull(): boolean {
    return this.address === null;
  }
  get content(): string {
    this.need("content");
    return this.sheet.notes.get(this.address ?? "") ?? "";
  }
  set content(value: string) {
    this.batch.run(`note.content ${this.address}`, () => this.sheet.notes.set(this.address!, value));
  }
}

export class FakeWorksheet extends FakeClientObject {
  readonly tables: FakeTableCollection;
  private readonly tableProxies = new Map<TableState, FakeTable>();

  constructor(
    batch: Batch,
    private readonly sheet: SheetState | null,
  ) {
    super(batch);
    this.tables = new FakeTableCollection(batch, this, (table) => this.tableProxy(table));
  }

  tableProxy(table: TableState): FakeTable {
    let proxy = this.tableProxies.get(table);
    if (proxy === undefined) {
      proxy = new FakeTable(this.batch, this, table);
      this.tableProxies.set(table, proxy);
    }
    return proxy;
  }

  protected override isNull(): boolean {
    return this.sheet === null;
  }

  get sheetState(): SheetState {
    if (this.sheet === null) throw new FakeExcelError("ItemNotFound", "Null worksheet used");
    return this.sheet;
  }

  get name(): string {
    this.need("name");
    return this.sheetState.name;
  }

  getRange(address: string): FakeRange {
    return new FakeRange(this.batch, this, parseAddress(address).area);
  }
  getRangeByIndexes(row: number, column: number, rows: number, columns: number): FakeRange {
    return new FakeRange(this.batch, this, { row, column, rows, columns });
  }
  getUsedRangeOrNullObject(): FakeRange {
    const used = this.state.usedArea(this.sheetState);
    return used === null
      ? new FakeRange(this.batch, this, { row: 0, column: 0, rows: 1, columns: 1 }, true)
      : new FakeRange(this.batch, this, used);
  }
  tablesTouching(area: Area, fullyContained: boolean): FakeTableScopedCollection {
    return new FakeCollection(this.batch, () =>
      this.state.tables
        .filter((table) => table.sheet === this.sheetState)
        .filter((table) => {
          const common = intersect(table.area, area);
          return fullyContained ? common !== null && areaText(common) === areaText(table.area) : common !== null;
        })
        .map((table) => this.tableProxy(table)),
    );
  }
  get charts(): unknown {
    const batch = this.batch;
    const records = (): ChartRecord[] => this.sheetState.charts;
    let loaded = false;
    const collection = {
      /** load("items/…") then a sync, as for every collection. */
      load: () => {
        this.batch.whenSynced(() => (loaded = true));
        return collection;
      },
      get items(): FakeChart[] {
        if (!loaded) throw new FakeExcelError("PropertyNotLoaded", "Load the charts collection and sync before reading items");
        return records().map((record) => new FakeChart(batch, record));
      },
      add: (type: string, source: FakeRange, seriesBy: string) => {
        const record: ChartRecord = {
          type,
          source: source.localAddress,
          seriesBy,
          series: [],
          axes: { value: {}, category: {} },
          legend: {},
        };
        this.batch.run(`charts.add ${type}`, () => {
          const count = seriesBy === "Columns" ? source.area.columns : source.area.rows;
          record.series = Array.from({ length: count }, () => ({}));
          this.sheetState.charts.push(record);
        });
        return new FakeChart(this.batch, record);
      },
    };
    return collection;
  }
  get notes(): unknown {
    return {
      add: (cell: FakeRange | string, content: string) => {
        this.batch.run("notes.add", () => {
          const area = typeof cell === "string" ? parseAddress(cell).area : cell.area;
          if (area.rows !== 1 || area.columns !== 1) throw new FakeExcelError("InvalidCellAddress", "A note goes on one cell");
          this.sheetState.notes.set(areaText(area), content);
        });
      },
      getItemOrNullObject: (address: string) => {
        const local = areaText(parseAddress(address).area);
        return new FakeNote(this.batch, this.sheetState, this.sheetState.notes.has(local) ? local : null);
      },
    };
  }
  calculate(markAllDirty: boolean): void {
    this.batch.run(`sheet.calculate ${this.sheetState.name} ${markAllDirty}`, () => this.sheetState.calculations++);
  }
  activate(): void {
    this.batch.run(`activate ${this.sheetState.name}`, () => (this.state.activeSheet = this.sheetState.name));
  }
}

class FakeNamedItem extends FakeClientObject {
  constructor(
    batch: Batch,
    private readonly item: NameState | null,
  ) {
    super(batch);
  }
  protected override isNull(): boolean {
    return this.item === null;
  }
  private live(): NameState {
    if (this.item === null || !this.state.names.includes(this.item)) throw new FakeExcelError("ItemNotFound", "The name no longer exists");
    return this.item;
  }
  get name(): string {
    this.need("name");
    return this.live().name;
  }
  get formula(): string {
    this.need("formula");
    return this.live().formula;
  }
  set formula(value: string) {
    this.batch.run(`name.formula ${this.item?.name} ${value}`, () => (this.live().formula = value));
  }
  get comment(): string {
    this.need("comment");
    return this.live().comment;
  }
  set comment(value: string) {
    this.batch.run(`name.comment ${this.item?.name}`, () => (this.live().comment = value));
  }
  delete(): void {
    this.batch.run(`name.delete ${this.item?.name}`, () => {
      const item = this.live();
      this.state.names = this.state.names.filter((other) => other !== item);
    });
  }
}

class FakeNamedItemCollection extends FakeCollection<FakeNamedItem> {
  constructor(batch: Batch) {
    super(batch, () => batch.state.names.map((item) => new FakeNamedItem(batch, item)));
  }
  add(name: string, reference: FakeRange | string, comment = ""): FakeNamedItem {
    const item: NameState = { name, formula: "", comment };
    this.batch.run(`names.add ${name}`, () => {
      this.state.assertFreeName(name);
      item.formula = typeof reference === "string" ? reference : `=${quoteSheet(reference.sheetState.name)}!${absolute(reference.area)}`;
      this.state.names.push(item);
    });
    return new FakeNamedItem(this.batch, item);
  }
  getItem(name: string): FakeNamedItem {
    const item = this.state.name(name);
    if (item === undefined) this.batch.fail(new FakeExcelError("ItemNotFound", `No name ${name}`));
    return new FakeNamedItem(this.batch, item ?? null);
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.batch, this.state.name(name) ?? null);
  }
}

function absolute(area: Area): string {
  return areaText(area).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
}

class FakeWorksheetCollection extends FakeCollection<FakeWorksheet> {
  constructor(
    batch: Batch,
    private readonly proxyFor: (sheet: SheetState | null) => FakeWorksheet,
  ) {
    super(batch, () => batch.state.sheets.map((sheet) => proxyFor(sheet)));
  }
  getItem(name: string): FakeWorksheet {
    const sheet = this.state.sheet(name);
    if (sheet === undefined) this.batch.fail(new FakeExcelError("ItemNotFound", `No sheet ${name}`));
    return this.proxyFor(sheet ?? null);
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    return this.proxyFor(this.state.sheet(name) ?? null);
  }
  getActiveWorksheet(): FakeWorksheet {
    return this.proxyFor(this.state.requireSheet(this.state.activeSheet));
  }
  add(name: string): FakeWorksheet {
    const sheet = newSheet(name);
    this.batch.run(`worksheets.add ${name}`, () => {
      if (this.state.sheet(name) !== undefined) throw new FakeExcelError("ItemAlreadyExists", `Sheet ${name} exists`);
      if (name.length > 31 || /[[\]:*?/\\]/.test(name)) throw new FakeExcelError("InvalidArgument", `Bad sheet name ${name}`);
      this.state.sheets.push(sheet);
    });
    return this.proxyFor(sheet);
  }
}

export class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly names: FakeNamedItemCollection;
  readonly tables: FakeTableCollection;
  readonly application: unknown;
  private readonly sheetProxies = new Map<SheetState | null, FakeWorksheet>();

  constructor(private readonly batch: Batch) {
    this.worksheets = new FakeWorksheetCollection(batch, (sheet) => this.sheetProxy(sheet));
    this.names = new FakeNamedItemCollection(batch);
    this.tables = new FakeTableCollection(batch, null, (table) => this.sheetProxy(table.sheet).tableProxy(table));
    this.application = {
      calculate: (type: string) => batch.run(`application.calculate ${type}`, () => batch.state.calculations.push(type)),
      suspendApiCalculationUntilNextSync: () => batch.run("suspendApiCalculationUntilNextSync", () => batch.state.suspendedCalculation++),
    };
  }

  private sheetProxy(sheet: SheetState | null): FakeWorksheet {
    if (sheet === null) return new FakeWorksheet(this.batch, null);
    let proxy = this.sheetProxies.get(sheet);
    if (proxy === undefined) {
      proxy = new FakeWorksheet(this.batch, sheet);
      this.sheetProxies.set(sheet, proxy);
    }
    return proxy;
  }

  getSelectedRange(): FakeRange {
    const sheet = this.batch.state.requireSheet(this.batch.state.activeSheet);
    return new FakeRange(this.batch, this.sheetProxy(sheet), { ...this.batch.state.selection });
  }
}

export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  constructor(private readonly batch: Batch) {
    this.workbook = new FakeWorkbook(batch);
  }
  sync(): Promise<void> {
    return this.batch.sync();
  }
}
