import { evaluateFormula, isFormulaName } from "../../../src/functions";
import { Node, walk } from "../formula/ast";
import {
  dereference,
  evaluate,
  EvalContext,
  EvalHost,
  intersect,
  TableInfo,
  UnsupportedFormula,
  VOLATILE_FUNCTIONS,
} from "../formula/evaluate";
import { FormulaParseError, parseFormula } from "../formula/parser";
import { ExcelError, isArrayValue, isErrorCode, isRef, RefValue, Scalar, Value } from "../formula/values";
import { Area, cellKey, cellsOf, contains, keyCell, PrecedentIndex } from "./cell-keys";

/**
 * Recalculates a workbook's MKT formulas and every formula that depends on them, the way Excel
 * would with the add-in loaded: MKT calls run through the functions' own code (evaluateFormula),
 * ordinary formulas through the formula engine, references resolved against the cells (their cached
 * values where nothing they depend on changed). Formulas that depend on nothing recomputed keep
 * their cached values untouched.
 */

/** One cell of the workbook as the recalculation sees it. */
export interface ModelCell {
  readonly sheet: number;
  readonly row: number;
  readonly column: number;
  /** Formula text as stored (shared formulas already expanded for this cell); null for a constant. */
  readonly formula: string | null;
  /** Parsed and moved for this cell when it came from a shared formula. */
  readonly node?: Node;
  /** The value the file holds for it (a formula's cached result). */
  readonly cached: Scalar;
  /** A dynamic-array formula (Excel's cell metadata says so). */
  readonly dynamic: boolean;
  /** An array formula's range (`t="array" ref`): a dynamic array's last spill, or a legacy array formula's fixed range. */
  readonly arrayRef: Area | null;
}

export interface ModelName {
  readonly name: string;
  readonly localSheet: number | null;
  readonly formula: string;
}

export interface RecalcModel {
  readonly sheets: readonly string[];
  readonly cells: ReadonlyMap<number, ModelCell>;
  readonly names: readonly ModelName[];
  readonly tables: readonly TableInfo[];
}

export type FormulaOutcome =
  | {
      readonly kind: "value";
      readonly value: Scalar;
      readonly spill: { readonly area: Area; readonly rows: readonly (readonly Scalar[])[] } | null;
    }
  | { readonly kind: "not-computed"; readonly reason: string };

export interface RecalcResult {
  /** Each recomputed formula cell's outcome, by cell key. */
  readonly formulas: ReadonlyMap<number, FormulaOutcome>;
  /** Cells that call MKT functions. */
  readonly mktCells: ReadonlySet<number>;
  /** Cells a spill writes into (not the anchor), with their values. */
  readonly spilled: ReadonlyMap<number, Scalar>;
  /** Cells a previous spill covered that are empty now. */
  readonly cleared: ReadonlySet<number>;
}

export interface RecalcOptions {
  /** Excel serial of today (TODAY()) and now (NOW()). */
  readonly today: number;
  readonly now: number;
}

interface FormulaCell {
  readonly key: number;
  readonly cell: ModelCell;
  readonly node: Node | null;
  readonly parseError: string | null;
  readonly mkt: boolean;
  readonly volatile: boolean;
  /** Evaluated as a dynamic array: results spill (Excel's metadata says so, or a top-level MKT call). */
  readonly spills: boolean;
  readonly legacyArray: boolean;
}

const MAX_NAME_DEPTH = 16;

/**
 * The MKT functions whose result can be more than one cell (a table or a row): a formula calling
 * one at its top spills, as in Excel. The others return one value (a test checks the catalog).
 */
export const SPILLING_MKT_FUNCTIONS: ReadonlySet<string> = new Set(["HISTORY", "MACD", "MA_CROSS"]);

function fromArea(sheet: number, ref: { top: number; left: number; bottom: number; right: number }): Area {
  return { sheet, top: ref.top, left: ref.left, bottom: ref.bottom, right: ref.right };
}

class Recalculation implements EvalHost {
  private readonly formulaCells = new Map<number, FormulaCell>();
  private readonly sheetIndexes: Map<string, number>;
  private readonly names = new Map<string, { node: Node | null; localSheet: number | null }[]>();
  private readonly tablesByName: Map<string, TableInfo>;
  /** Cells to recompute. */
  private readonly dirty = new Set<number>();
  private readonly results = new Map<number, Promise<Outcome>>();
  /** Which cell waits on which (to refuse a wait that would close a cycle). */
  private readonly waits = new Map<number, Set<number>>();
  /** Cells a finished spill claims, with the anchor and value. */
  private readonly claimed = new Map<number, { anchor: number; value: Scalar }>();
  private readonly index = new PrecedentIndex<FormulaCell>();
  /** Spilling anchors being recomputed, per sheet and column (a spill only reaches right and down). */
  private readonly anchors = new Map<number, Map<number, FormulaCell[]>>();

  constructor(
    private readonly model: RecalcModel,
    private readonly options: RecalcOptions,
  ) {
    this.sheetIndexes = new Map(model.sheets.map((name, i) => [name.toLowerCase(), i]));
    this.tablesByName = new Map(model.tables.map((table) => [table.name.toLowerCase(), table]));
    for (const name of model.names) {
      let node: Node | null;
      try {
        node = parseFormula(name.formula);
      } catch {
        node = null; // a name the engine cannot read: formulas using it are not computed
      }
      const list = this.names.get(name.name.toLowerCase()) ?? [];
      list.push({ node, localSheet: name.localSheet });
      this.names.set(name.name.toLowerCase(), list);
    }
    for (const [key, cell] of model.cells) {
      if (cell.formula === null) continue;
      let node: Node | null = cell.node ?? null;
      let parseError: string | null = null;
      if (node === null) {
        try {
          node = parseFormula(cell.formula);
        } catch (error) {
          if (!(error instanceof FormulaParseError)) throw error;
          parseError = error.message;
        }
      }
      const nodes = node === null ? [] : [...walk(node)];
      const mkt = node === null ? /(^|[^A-Za-z0-9_.])(MKT\.|_xldudf_MKT_)/i.test(cell.formula) : this.mentionsMkt(node, cell.sheet, 0);
      const volatile = nodes.some((n) => n.kind === "call" && VOLATILE_FUNCTIONS.has(n.name));
      const legacyArray = cell.arrayRef !== null && !cell.dynamic;
      const topMkt = node !== null && node.kind === "call" && node.mkt && SPILLING_MKT_FUNCTIONS.has(node.name);
      const formulaCell: FormulaCell = {
        key,
        cell,
        node,
        parseError,
        mkt,
        volatile,
        legacyArray,
        spills: !legacyArray && (cell.dynamic || topMkt),
      };
      this.formulaCells.set(key, formulaCell);
      if (node !== null) for (const area of this.precedents(node, cell.sheet, 0)) this.index.add(area, formulaCell);
    }
  }

  // ---- static analysis -------------------------------------------------------------------

  /** The areas a formula may read (names and structured references resolved; `A1#` as its anchor). */
  private precedents(node: Node, sheet: number, depth: number): Area[] {
    const areas: Area[] = [];
    for (const n of walk(node)) {
      if (n.kind === "area" || n.kind === "spill") {
        const target = n.ref.sheet === null ? sheet : this.sheetIndex(n.ref.sheet);
        if (target >= 0) areas.push(fromArea(target, n.ref));
      } else if (n.kind === "name" && depth < MAX_NAME_DEPTH) {
        const target = n.sheet === null ? sheet : this.sheetIndex(n.sheet);
        const defined = target < 0 ? null : this.definedName(n.name, target);
        if (defined !== null) areas.push(...this.precedents(defined, target, depth + 1));
      } else if (n.kind === "structured") {
        const table = n.ref.table === null ? null : this.table(n.ref.table);
        if (table !== null) areas.push({ sheet: table.sheet, top: table.top, left: table.left, bottom: table.bottom, right: table.right });
        else if (n.ref.table === null) {
          const own = this.model.tables.filter((t) => t.sheet === sheet);
          for (const t of own) areas.push({ sheet: t.sheet, top: t.top, left: t.left, bottom: t.bottom, right: t.right });
        }
      }
    }
    return areas;
  }

  /** Marks the MKT and volatile formulas and, transitively, every formula that reads what they change. */
  private markDirty(): void {
    const queue: number[] = [];
    const touch = (formula: FormulaCell): void => {
      if (this.dirty.has(formula.key)) return;
      this.dirty.add(formula.key);
      queue.push(formula.key);
      const ref = formula.cell.arrayRef;
      if (ref !== null) for (const key of cellsOf(ref)) if (key !== formula.key) queue.push(key);
      this.addAnchor(formula);
    };
    for (const formula of this.formulaCells.values()) if (formula.mkt || formula.volatile) touch(formula);
    this.follow(queue, touch);
  }

  /** A recomputed formula whose result fills other cells (a spill, a legacy array formula's range). */
  private addAnchor(formula: FormulaCell): void {
    if (!formula.spills && !formula.legacyArray) return;
    const columns = this.anchors.get(formula.cell.sheet) ?? new Map<number, FormulaCell[]>();
    const list = columns.get(formula.cell.column) ?? [];
    list.push(formula);
    columns.set(formula.cell.column, list);
    this.anchors.set(formula.cell.sheet, columns);
  }

  /** A formula that calls MKT itself or through a defined name. */
  private mentionsMkt(node: Node, sheet: number, depth: number): boolean {
    for (const n of walk(node)) {
      if (n.kind === "call" && n.mkt) return true;
      if (n.kind === "name" && depth < MAX_NAME_DEPTH) {
        const target = n.sheet === null ? sheet : this.sheetIndex(n.sheet);
        const defined = target < 0 ? null : this.definedName(n.name, target);
        if (defined !== null && this.mentionsMkt(defined, target, depth + 1)) return true;
      }
    }
    return false;
  }

  private follow(queue: number[], touch: (formula: FormulaCell) => void): void {
    while (queue.length > 0) {
      const { sheet, row, column } = keyCell(queue.pop()!);
      for (const reader of this.index.readers(sheet, row, column)) touch(reader);
    }
  }

  // ---- EvalHost ---------------------------------------------------------------------------

  sheetIndex(name: string): number {
    return this.sheetIndexes.get(name.toLowerCase()) ?? -1;
  }

  definedName(name: string, sheet: number): Node | null {
    const list = this.names.get(name.toLowerCase());
    if (list === undefined) return null;
    return (list.find((entry) => entry.localSheet === sheet) ?? list.find((entry) => entry.localSheet === null))?.node ?? null;
  }

  table(name: string): TableInfo | null {
    return this.tablesByName.get(name.toLowerCase()) ?? null;
  }

  tableAt(sheet: number, row: number, column: number): TableInfo | null {
    return (
      this.model.tables.find((t) => t.sheet === sheet && row >= t.top && row <= t.bottom && column >= t.left && column <= t.right) ?? null
    );
  }

  today(): number {
    return this.options.today;
  }

  now(): number {
    return this.options.now;
  }

  async mkt(name: string, args: readonly unknown[]): Promise<Scalar | Scalar[][]> {
    if (!isFormulaName(name)) return new ExcelError("#NAME?", `MKT has no function ${name}`);
    const outcome = await evaluateFormula(name, args);
    if (!outcome.ok) return new ExcelError(isErrorCode(outcome.error.code) ? outcome.error.code : "#VALUE!", outcome.error.message);
    return outcome.value;
  }

  async value(sheet: number, row: number, column: number, from: number): Promise<Scalar> {
    const key = cellKey(sheet, row, column);
    const formula = this.formulaCells.get(key);
    if (formula !== undefined && this.dirty.has(key)) {
      const outcome = await this.await(formula, from);
      if (outcome === null) throw new UnsupportedFormula(`circular reference through ${this.describe(key)}`);
      if (outcome.kind === "not-computed") return formula.cell.cached;
      return outcome.value;
    }
    const columns = this.anchors.get(sheet);
    if (columns !== undefined) {
      const anchors: FormulaCell[] = [];
      for (const [anchorColumn, list] of columns)
        if (anchorColumn <= column) for (const anchor of list) if (anchor.cell.row <= row && anchor.key !== key) anchors.push(anchor);
      for (const anchor of anchors) await this.await(anchor, from);
      const claim = this.claimed.get(key);
      if (claim !== undefined) return claim.value;
      if (anchors.some((anchor) => anchor.cell.arrayRef !== null && contains(anchor.cell.arrayRef, sheet, row, column))) return null;
    }
    return this.model.cells.get(key)?.cached ?? null;
  }

  async spill(sheet: number, row: number, column: number, from: number): Promise<RefValue | ExcelError> {
    const key = cellKey(sheet, row, column);
    const formula = this.formulaCells.get(key);
    if (formula === undefined) return new ExcelError("#REF!", `${this.describe(key)} holds no formula`);
    let area: Area | null = formula.cell.arrayRef;
    if (this.dirty.has(key)) {
      const outcome = await this.await(formula, from);
      if (outcome === null) throw new UnsupportedFormula(`circular reference through ${this.describe(key)}`);
      if (outcome.kind === "value") {
        if (outcome.value instanceof ExcelError && outcome.spill === null) return outcome.value;
        area = outcome.spill?.area ?? { sheet, top: row, left: column, bottom: row, right: column };
      }
    }
    area ??= { sheet, top: row, left: column, bottom: row, right: column };
    return { kind: "ref", ...area };
  }

  // ---- evaluation -------------------------------------------------------------------------

  private reaches(from: number, to: number, seen = new Set<number>()): boolean {
    if (from === to) return true;
    if (seen.has(from)) return false;
    seen.add(from);
    for (const next of this.waits.get(from) ?? []) if (this.reaches(next, to, seen)) return true;
    return false;
  }

  /** The outcome of `formula`, or null when waiting for it from `from` would be a cycle. */
  private async await(formula: FormulaCell, from: number): Promise<Outcome | null> {
    if (this.reaches(formula.key, from)) return null;
    const set = this.waits.get(from) ?? new Set<number>();
    set.add(formula.key);
    this.waits.set(from, set);
    try {
      return await this.outcome(formula);
    } finally {
      set.delete(formula.key);
    }
  }

  private outcome(formula: FormulaCell): Promise<Outcome> {
    let result = this.results.get(formula.key);
    if (result === undefined) {
      result = this.compute(formula);
      this.results.set(formula.key, result);
    }
    return result;
  }

  private async compute(formula: FormulaCell): Promise<Outcome> {
    // Let every cell's evaluation start before any finishes, so fetches overlap.
    await Promise.resolve();
    if (formula.node === null) return { kind: "not-computed", reason: `cannot read the formula: ${formula.parseError}` };
    const context: EvalContext = {
      host: this,
      sheet: formula.cell.sheet,
      row: formula.cell.row,
      column: formula.cell.column,
      dynamic: formula.spills || formula.legacyArray,
      key: formula.key,
    };
    let value: Value;
    try {
      value = await evaluate(formula.node, context);
      if (isRef(value)) value = await dereference(formula.spills || formula.legacyArray ? value : intersect(value, context), context);
    } catch (error) {
      if (error instanceof UnsupportedFormula) return { kind: "not-computed", reason: error.message };
      throw error;
    }
    if (!isArrayValue(value)) return { kind: "value", value: value as Scalar, spill: null };
    const rows = value.rows;
    if (formula.legacyArray) {
      const area = formula.cell.arrayRef!;
      const fitted = Array.from({ length: area.bottom - area.top + 1 }, (_, r) =>
        Array.from({ length: area.right - area.left + 1 }, (_, c) => {
          const line = rows.length === 1 ? rows[0] : rows[r];
          const cell = line === undefined ? undefined : line.length === 1 ? line[0] : line[c];
          return cell === undefined ? new ExcelError("#N/A") : cell;
        }),
      );
      return this.claim(formula, area, fitted);
    }
    if (!formula.spills) return { kind: "value", value: rows[0]?.[0] ?? null, spill: null };
    const { sheet, row, column } = formula.cell;
    const area = { sheet, top: row, left: column, bottom: row + rows.length - 1, right: column + (rows[0]?.length ?? 1) - 1 };
    return this.claim(formula, area, rows);
  }

  /** Takes the cells of a spill, or answers #SPILL! when one of them holds something else. */
  private claim(formula: FormulaCell, area: Area, rows: readonly (readonly Scalar[])[]): Outcome {
    const previous = formula.cell.arrayRef;
    for (const key of cellsOf(area)) {
      if (key === formula.key) continue;
      const taken = this.claimed.get(key);
      const existing = this.model.cells.get(key);
      const ownOld = previous !== null && contains(previous, area.sheet, keyCell(key).row, keyCell(key).column);
      const occupied = existing !== undefined && (existing.formula !== null || (existing.cached !== null && !ownOld));
      if ((taken !== undefined && taken.anchor !== formula.key) || occupied) {
        return {
          kind: "value",
          value: new ExcelError(
            "#SPILL!",
            `the result needs ${this.describe(cellKey(area.sheet, area.bottom, area.right))} and the cells up to it, and ${this.describe(key)} is not empty`,
          ),
          spill: { area: { sheet: area.sheet, top: area.top, left: area.left, bottom: area.top, right: area.left }, rows: [[null]] },
        };
      }
    }
    rows.forEach((line, r) =>
      line.forEach((value, c) => {
        const key = cellKey(area.sheet, area.top + r, area.left + c);
        if (key !== formula.key) this.claimed.set(key, { anchor: formula.key, value });
      }),
    );
    return { kind: "value", value: rows[0]?.[0] ?? null, spill: { area, rows } };
  }

  describe(key: number): string {
    const { sheet, row, column } = keyCell(key);
    let letters = "";
    for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    return `${this.model.sheets[sheet]}!${letters}${row + 1}`;
  }

  async run(): Promise<RecalcResult> {
    this.markDirty();
    const done = new Set<number>();
    const formulas = new Map<number, FormulaOutcome>();
    for (;;) {
      const pending = [...this.dirty].filter((key) => !done.has(key));
      if (pending.length === 0) break;
      const outcomes = await Promise.all(pending.map((key) => this.outcome(this.formulaCells.get(key)!)));
      pending.forEach((key, i) => {
        done.add(key);
        formulas.set(key, outcomes[i]);
      });
      // A spill that grew into cells other formulas read makes those formulas dirty too.
      const queue: number[] = [];
      for (const key of this.claimed.keys()) queue.push(key);
      this.follow(queue, (reader) => {
        if (this.dirty.has(reader.key)) return;
        this.dirty.add(reader.key);
        this.addAnchor(reader);
      });
    }
    const spilled = new Map<number, Scalar>();
    for (const [key, claim] of this.claimed) spilled.set(key, claim.value);
    const cleared = new Set<number>();
    for (const key of done) {
      const ref = this.formulaCells.get(key)!.cell.arrayRef;
      if (ref === null) continue;
      for (const cell of cellsOf(ref)) if (cell !== key && !spilled.has(cell)) cleared.add(cell);
    }
    const mktCells = new Set([...this.formulaCells.values()].filter((f) => f.mkt).map((f) => f.key));
    return { formulas, mktCells, spilled, cleared };
  }
}

type Outcome = FormulaOutcome;

/** Recomputes the MKT formulas of `model` and everything that depends on them. */
export function recalculate(model: RecalcModel, options: RecalcOptions): Promise<RecalcResult> {
  return new Recalculation(model, options).run();
}

/** A1 text of a cell key in `model`, for messages: "Sheet1!B4". */
export function describeCell(model: RecalcModel, key: number): string {
  const { sheet, row, column } = keyCell(key);
  let letters = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${model.sheets[sheet]}!${letters}${row + 1}`;
}
