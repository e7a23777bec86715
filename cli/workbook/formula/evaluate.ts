import type { BinaryOp, Node, StructuredRef } from "./ast";
import { fromLibrary, LibraryArg, libraryFunction, toLibrary } from "./excel-functions";
import {
  arrayOf,
  ArrayValue,
  ExcelError,
  isArrayValue,
  isRef,
  RefValue,
  refColumns,
  refRows,
  Scalar,
  toBoolean,
  toNumber,
  toText,
  Value,
} from "./values";

/** A table as formulas see it: where it is, its header and totals rows, its column names. */
export interface TableInfo {
  readonly name: string;
  readonly sheet: number;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  readonly headerRows: number;
  readonly totalsRows: number;
  readonly columns: readonly string[];
}

/** What a formula reads from its workbook. `from` is the formula's own cell (for cycles). */
export interface EvalHost {
  /** Index of a sheet by name (any case); -1 when there is none. */
  sheetIndex(name: string): number;
  value(sheet: number, row: number, column: number, from: number): Promise<Scalar>;
  /** A defined name visible from `sheet` (sheet-scoped first), parsed. */
  definedName(name: string, sheet: number): Node | null;
  table(name: string): TableInfo | null;
  tableAt(sheet: number, row: number, column: number): TableInfo | null;
  /** The range the formula in a cell spills to (`A1#`). */
  spill(sheet: number, row: number, column: number, from: number): Promise<RefValue | ExcelError>;
  /** Runs an MKT function with Excel-style arguments. */
  mkt(name: string, args: readonly unknown[]): Promise<Scalar | Scalar[][]>;
  /** Excel serials for TODAY() and NOW(). */
  today(): number;
  now(): number;
}

export interface EvalContext {
  readonly host: EvalHost;
  readonly sheet: number;
  readonly row: number;
  readonly column: number;
  /** A dynamic-array formula (arrays spill) rather than a legacy one (implicit intersection). */
  readonly dynamic: boolean;
  /** The cell's key, for cycle detection in the host. */
  readonly key: number;
}

/** A formula the refresh cannot compute here (a function Excel has but this engine does not, an add-in's function). */
export class UnsupportedFormula extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedFormula";
  }
}

const MAX_NAME_DEPTH = 16;

export async function evaluate(node: Node, context: EvalContext, depth = 0): Promise<Value> {
  switch (node.kind) {
    case "number":
    case "string":
    case "boolean":
      return node.value;
    case "error":
      return new ExcelError(node.code);
    case "missing":
      return null;
    case "array":
      return arrayOf(
        await Promise.all(node.rows.map((row) => Promise.all(row.map(async (item) => scalarOf(await evaluate(item, context, depth)))))),
      );
    case "area": {
      const sheet = node.ref.sheet === null ? context.sheet : context.host.sheetIndex(node.ref.sheet);
      if (sheet < 0) return new ExcelError("#REF!", `no sheet ${node.ref.sheet}`);
      return { kind: "ref", sheet, top: node.ref.top, left: node.ref.left, bottom: node.ref.bottom, right: node.ref.right };
    }
    case "spill": {
      const sheet = node.ref.sheet === null ? context.sheet : context.host.sheetIndex(node.ref.sheet);
      if (sheet < 0) return new ExcelError("#REF!", `no sheet ${node.ref.sheet}`);
      return context.host.spill(sheet, node.ref.top, node.ref.left, context.key);
    }
    case "name": {
      const sheet = node.sheet === null ? context.sheet : context.host.sheetIndex(node.sheet);
      const defined = sheet < 0 ? null : context.host.definedName(node.name, sheet);
      if (defined === null) return new ExcelError("#NAME?", `unknown name ${node.name}`);
      if (depth > MAX_NAME_DEPTH) return new ExcelError("#NAME?", `name ${node.name} refers to itself`);
      return evaluate(defined, { ...context, sheet }, depth + 1);
    }
    case "structured":
      return structuredRef(node.ref, context);
    case "unary": {
      const operand = await operandValue(node.operand, context, depth);
      return map1(operand, (value) => {
        const number = toNumber(value);
        if (number instanceof ExcelError) return number;
        return node.op === "-" ? -number : node.op === "%" ? number / 100 : number;
      });
    }
    case "binary":
      if (node.op === ":") return rangeOperator(await evaluate(node.left, context, depth), await evaluate(node.right, context, depth));
      return map2(await operandValue(node.left, context, depth), await operandValue(node.right, context, depth), (a, b) =>
        binary(node.op, a, b),
      );
    case "call":
      return call(node, context, depth);
  }
}

/** The first cell's value of whatever `value` is: a scalar as is, an array's or a reference's top-left. */
export function scalarOf(value: Value): Scalar {
  if (isArrayValue(value)) return value.rows[0]?.[0] ?? null;
  if (isRef(value)) return new ExcelError("#VALUE!", "a range where one value is expected");
  return value;
}

/** Reads a reference's cells; scalars and arrays pass through. */
export async function dereference(value: Value, context: EvalContext): Promise<Scalar | ArrayValue> {
  if (!isRef(value)) return value;
  if (value.top === value.bottom && value.left === value.right) return context.host.value(value.sheet, value.top, value.left, context.key);
  if (refRows(value) * refColumns(value) > 5_000_000) return new ExcelError("#VALUE!", "range too large for the command line");
  const rows: Promise<Scalar[]>[] = [];
  for (let row = value.top; row <= value.bottom; row++) {
    const cells: Promise<Scalar>[] = [];
    for (let column = value.left; column <= value.right; column++) cells.push(context.host.value(value.sheet, row, column, context.key));
    rows.push(Promise.all(cells));
  }
  return arrayOf(await Promise.all(rows));
}

/**
 * In a legacy (not dynamic-array) formula, a range where one value is expected means the cell in the
 * formula's own row or column: Excel's implicit intersection.
 */
export function intersect(ref: RefValue, context: EvalContext): RefValue | ExcelError {
  if (ref.top === ref.bottom && ref.left === ref.right) return ref;
  if (ref.sheet === context.sheet && ref.left === ref.right && context.row >= ref.top && context.row <= ref.bottom) {
    return { ...ref, top: context.row, bottom: context.row };
  }
  if (ref.sheet === context.sheet && ref.top === ref.bottom && context.column >= ref.left && context.column <= ref.right) {
    return { ...ref, left: context.column, right: context.column };
  }
  return new ExcelError("#VALUE!", "a range where one value is expected");
}

async function operandValue(node: Node, context: EvalContext, depth: number): Promise<Scalar | ArrayValue> {
  let value = await evaluate(node, context, depth);
  if (isRef(value) && !context.dynamic) value = intersect(value, context);
  return dereference(value, context);
}

type Element = Exclude<Scalar, ExcelError>;

function map1(value: Scalar | ArrayValue, f: (value: Element) => Scalar): Scalar | ArrayValue {
  const one = (cell: Scalar): Scalar => (cell instanceof ExcelError ? cell : f(cell));
  return isArrayValue(value) ? arrayOf(value.rows.map((row) => row.map(one))) : one(value);
}

/** Elementwise over two operands, broadcasting a single row, column or value as Excel does; #N/A outside both. */
function map2(a: Scalar | ArrayValue, b: Scalar | ArrayValue, f: (a: Element, b: Element) => Scalar): Scalar | ArrayValue {
  const both = (x: Scalar, y: Scalar): Scalar => (x instanceof ExcelError ? x : y instanceof ExcelError ? y : f(x, y));
  if (!isArrayValue(a) && !isArrayValue(b)) return both(a, b);
  const rowsOf = (v: Scalar | ArrayValue): readonly (readonly Scalar[])[] => (isArrayValue(v) ? v.rows : [[v]]);
  const ra = rowsOf(a);
  const rb = rowsOf(b);
  const height = Math.max(ra.length, rb.length);
  const width = Math.max(ra[0]?.length ?? 0, rb[0]?.length ?? 0);
  const at = (rows: readonly (readonly Scalar[])[], r: number, c: number): Scalar => {
    const row = rows.length === 1 ? rows[0] : rows[r];
    if (row === undefined) return new ExcelError("#N/A");
    const cell = row.length === 1 ? row[0] : row[c];
    return cell === undefined ? new ExcelError("#N/A") : cell;
  };
  return arrayOf(Array.from({ length: height }, (_, r) => Array.from({ length: width }, (_, c) => both(at(ra, r, c), at(rb, r, c)))));
}

function finite(value: number, what: string): Scalar {
  return Number.isFinite(value) ? value : new ExcelError("#NUM!", `${what} has no finite result`);
}

function binary(op: BinaryOp, a: Element, b: Element): Scalar {
  if (op === "&") return toText(a) + toText(b);
  if (op === "=" || op === "<>" || op === "<" || op === ">" || op === "<=" || op === ">=") {
    const order = compare(a, b);
    switch (op) {
      case "=":
        return order === 0;
      case "<>":
        return order !== 0;
      case "<":
        return order < 0;
      case ">":
        return order > 0;
      case "<=":
        return order <= 0;
      default:
        return order >= 0;
    }
  }
  const x = toNumber(a);
  if (x instanceof ExcelError) return x;
  const y = toNumber(b);
  if (y instanceof ExcelError) return y;
  switch (op) {
    case "+":
      return finite(x + y, "+");
    case "-":
      return finite(x - y, "-");
    case "*":
      return finite(x * y, "*");
    case "/":
      return y === 0 ? new ExcelError("#DIV/0!", "division by zero") : finite(x / y, "/");
    case "^":
      if (x === 0 && y === 0) return new ExcelError("#NUM!", "0^0");
      return finite(x ** y, "^");
    default:
      return new ExcelError("#VALUE!", `operator ${op}`);
  }
}

/** Excel's comparison: numbers < text < logicals, text ignoring case; an empty cell is 0, "" or FALSE. */
function compare(a: Element, b: Element): number {
  const rank = (v: Element): number => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
  if (a === null && b === null) return 0;
  if (a === null) a = typeof b === "number" ? 0 : typeof b === "string" ? "" : false;
  if (b === null) b = typeof a === "number" ? 0 : typeof a === "string" ? "" : false;
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === "string" && typeof b === "string") {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function rangeOperator(a: Value, b: Value): Value {
  if (a instanceof ExcelError) return a;
  if (b instanceof ExcelError) return b;
  if (!isRef(a) || !isRef(b) || a.sheet !== b.sheet) return new ExcelError("#VALUE!", "the : operator needs two references on one sheet");
  return {
    kind: "ref",
    sheet: a.sheet,
    top: Math.min(a.top, b.top),
    left: Math.min(a.left, b.left),
    bottom: Math.max(a.bottom, b.bottom),
    right: Math.max(a.right, b.right),
  };
}

function structuredRef(ref: StructuredRef, context: EvalContext): Value {
  const table = ref.table === null ? context.host.tableAt(context.sheet, context.row, context.column) : context.host.table(ref.table);
  if (table === null) return new ExcelError("#REF!", ref.table === null ? "not inside a table" : `no table ${ref.table}`);
  const dataTop = table.top + table.headerRows;
  const dataBottom = table.bottom - table.totalsRows;
  let top = dataTop;
  let bottom = dataBottom;
  const items = ref.items;
  if (items.has("#All")) {
    top = table.top;
    bottom = table.bottom;
  } else if (items.has("#This Row")) {
    if (context.sheet !== table.sheet || context.row < dataTop || context.row > dataBottom) {
      return new ExcelError("#VALUE!", `[#This Row] of ${table.name} outside its rows`);
    }
    top = bottom = context.row;
  } else if (items.size > 0) {
    const headers = items.has("#Headers");
    const data = items.has("#Data");
    const totals = items.has("#Totals");
    if (headers && table.headerRows === 0) return new ExcelError("#REF!", `${table.name} has no header row`);
    if (totals && table.totalsRows === 0) return new ExcelError("#REF!", `${table.name} has no totals row`);
    top = headers ? table.top : data ? dataTop : table.bottom;
    bottom = totals ? table.bottom : data ? dataBottom : table.top;
  }
  let left = table.left;
  let right = table.right;
  if (ref.columns !== null) {
    const index = (name: string): number => table.columns.findIndex((column) => column.toLowerCase() === name.toLowerCase());
    const first = index(ref.columns[0]);
    const last = index(ref.columns[1]);
    if (first < 0 || last < 0) return new ExcelError("#REF!", `${table.name} has no column ${first < 0 ? ref.columns[0] : ref.columns[1]}`);
    left = table.left + Math.min(first, last);
    right = table.left + Math.max(first, last);
  }
  if (bottom < top) return new ExcelError("#REF!", `${table.name} has no data rows`);
  return { kind: "ref", sheet: table.sheet, top, left, bottom, right };
}

/** An argument of an MKT function as Excel hands it to a custom function; an error in it is the result. */
async function mktArgument(node: Node, context: EvalContext, depth: number): Promise<unknown> {
  if (node.kind === "missing") return null;
  const value = await dereference(await evaluate(node, context, depth), context);
  if (value instanceof ExcelError) throw value;
  if (!isArrayValue(value)) return value;
  return value.rows.map((row) =>
    row.map((cell) => {
      if (cell instanceof ExcelError) throw cell;
      return cell === null ? "" : cell;
    }),
  );
}

async function mktCall(node: Node & { kind: "call" }, context: EvalContext, depth: number): Promise<Value> {
  let args: unknown[];
  try {
    args = await Promise.all(node.args.map((arg) => mktArgument(arg, context, depth)));
  } catch (error) {
    if (error instanceof ExcelError) return error;
    throw error;
  }
  const result = await context.host.mkt(node.name, args);
  if (!Array.isArray(result)) return result;
  if (result.length === 1 && result[0].length === 1) return result[0][0];
  return arrayOf(result);
}

async function libraryArgument(node: Node, context: EvalContext, depth: number): Promise<LibraryArg | undefined> {
  if (node.kind === "missing") return null;
  const value = await dereference(await evaluate(node, context, depth), context);
  if (isArrayValue(value)) return value.rows.map((row) => row.map(toLibrary));
  return toLibrary(value);
}

type Special = (args: readonly Node[], context: EvalContext, depth: number) => Promise<Value>;

async function scalarArgument(node: Node | undefined, context: EvalContext, depth: number): Promise<Scalar> {
  if (node === undefined || node.kind === "missing") return null;
  let value = await evaluate(node, context, depth);
  if (isRef(value)) value = intersect(value, context);
  return scalarOf(await dereference(value, context));
}

async function indexArgument(node: Node | undefined, context: EvalContext, depth: number): Promise<number | ExcelError> {
  const value = await scalarArgument(node, context, depth);
  if (value instanceof ExcelError) return value;
  const number = toNumber(value);
  return number instanceof ExcelError ? number : Math.trunc(number);
}

const SPECIAL: Readonly<Record<string, Special>> = {
  async IF(args, context, depth) {
    const condition = await operandValue(args[0] ?? { kind: "missing" }, context, depth);
    const choose = async (test: Scalar): Promise<Value> => {
      if (test instanceof ExcelError) return test;
      const truth = toBoolean(test);
      if (truth instanceof ExcelError) return truth;
      const branch = truth ? args[1] : args[2];
      if (branch === undefined) return truth ? true : false;
      return branch.kind === "missing" ? 0 : evaluate(branch, context, depth);
    };
    if (!isArrayValue(condition)) return choose(condition);
    const rows = await Promise.all(
      condition.rows.map((row) => Promise.all(row.map(async (cell) => scalarOf(await dereference(await choose(cell), context))))),
    );
    return arrayOf(rows);
  },
  async IFERROR(args, context, depth) {
    return replaceErrors(args, context, depth, () => true);
  },
  async IFNA(args, context, depth) {
    return replaceErrors(args, context, depth, (error) => error.code === "#N/A");
  },
  async CHOOSE(args, context, depth) {
    const index = await indexArgument(args[0], context, depth);
    if (index instanceof ExcelError) return index;
    const chosen = args[index];
    if (index < 1 || chosen === undefined) return new ExcelError("#VALUE!", "CHOOSE index out of range");
    return evaluate(chosen, context, depth);
  },
  async INDEX(args, context, depth) {
    const source = await evaluate(args[0] ?? { kind: "missing" }, context, depth);
    if (source instanceof ExcelError) return source;
    let row = await indexArgument(args[1], context, depth);
    if (row instanceof ExcelError) return row;
    let column = args.length > 2 ? await indexArgument(args[2], context, depth) : 0;
    if (column instanceof ExcelError) return column;
    const height = isRef(source) ? refRows(source) : isArrayValue(source) ? source.rows.length : 1;
    const width = isRef(source) ? refColumns(source) : isArrayValue(source) ? (source.rows[0]?.length ?? 0) : 1;
    // INDEX(row_or_column, n): the n-th item whichever way the vector runs.
    if (args.length <= 2 && height === 1 && width > 1) [row, column] = [1, row];
    if (args.length <= 2 && width === 1) column = 1;
    if (row < 0 || column < 0 || row > height || column > width) return new ExcelError("#REF!", "INDEX out of range");
    if (isRef(source)) {
      return {
        kind: "ref",
        sheet: source.sheet,
        top: row === 0 ? source.top : source.top + row - 1,
        bottom: row === 0 ? source.bottom : source.top + row - 1,
        left: column === 0 ? source.left : source.left + column - 1,
        right: column === 0 ? source.right : source.left + column - 1,
      };
    }
    if (!isArrayValue(source)) return source;
    const rows = row === 0 ? source.rows : [source.rows[row - 1]];
    const picked = rows.map((line) => (column === 0 ? [...line] : [line[column - 1]]));
    return picked.length === 1 && picked[0].length === 1 ? picked[0][0] : arrayOf(picked);
  },
  async ROW(args, context, depth) {
    if (args.length === 0 || args[0].kind === "missing") return context.row + 1;
    const ref = await evaluate(args[0], context, depth);
    return isRef(ref) ? ref.top + 1 : new ExcelError("#VALUE!", "ROW needs a reference");
  },
  async COLUMN(args, context, depth) {
    if (args.length === 0 || args[0].kind === "missing") return context.column + 1;
    const ref = await evaluate(args[0], context, depth);
    return isRef(ref) ? ref.left + 1 : new ExcelError("#VALUE!", "COLUMN needs a reference");
  },
  async ROWS(args, context, depth) {
    const value = await evaluate(args[0] ?? { kind: "missing" }, context, depth);
    return isRef(value) ? refRows(value) : isArrayValue(value) ? value.rows.length : value instanceof ExcelError ? value : 1;
  },
  async COLUMNS(args, context, depth) {
    const value = await evaluate(args[0] ?? { kind: "missing" }, context, depth);
    return isRef(value) ? refColumns(value) : isArrayValue(value) ? (value.rows[0]?.length ?? 0) : value instanceof ExcelError ? value : 1;
  },
  async NA() {
    return new ExcelError("#N/A");
  },
  async TODAY(_args, context) {
    return context.host.today();
  },
  async NOW(_args, context) {
    return context.host.now();
  },
  async ANCHORARRAY(args, context, depth) {
    const ref = await evaluate(args[0] ?? { kind: "missing" }, context, depth);
    if (!isRef(ref)) return new ExcelError("#REF!", "ANCHORARRAY needs a cell");
    return context.host.spill(ref.sheet, ref.top, ref.left, context.key);
  },
};

async function replaceErrors(
  args: readonly Node[],
  context: EvalContext,
  depth: number,
  matches: (error: ExcelError) => boolean,
): Promise<Value> {
  let value = await evaluate(args[0] ?? { kind: "missing" }, context, depth);
  if (isRef(value) && !context.dynamic) value = intersect(value, context);
  const tested = await dereference(value, context);
  let alternative: Value | undefined;
  const fallback = async (): Promise<Scalar> => {
    alternative ??= await dereference(await evaluate(args[1] ?? { kind: "missing" }, context, depth), context);
    return scalarOf(alternative);
  };
  if (!isArrayValue(tested)) return tested instanceof ExcelError && matches(tested) ? fallback() : tested;
  const rows: Scalar[][] = [];
  for (const row of tested.rows) {
    const out: Scalar[] = [];
    for (const cell of row) out.push(cell instanceof ExcelError && matches(cell) ? await fallback() : cell);
    rows.push(out);
  }
  return arrayOf(rows);
}

/** Functions that give a different answer on every calculation: their cells are recomputed too. */
export const VOLATILE_FUNCTIONS: ReadonlySet<string> = new Set(["TODAY", "NOW"]);
/** Functions whose references are only known when they run: not computed here. */
const UNSUPPORTED: ReadonlySet<string> = new Set([
  "INDIRECT",
  "OFFSET",
  "CELL",
  "INFO",
  "RAND",
  "RANDBETWEEN",
  "RANDARRAY",
  "LAMBDA",
  "LET",
]);

async function call(node: Node & { kind: "call" }, context: EvalContext, depth: number): Promise<Value> {
  if (node.mkt) return mktCall(node, context, depth);
  if (node.addin) throw new UnsupportedFormula(`another add-in's function ${node.name} cannot be computed outside Excel`);
  const special = SPECIAL[node.name];
  if (special !== undefined) return special(node.args, context, depth);
  if (UNSUPPORTED.has(node.name)) throw new UnsupportedFormula(`${node.name} is not computed outside Excel`);
  const fn = libraryFunction(node.name);
  if (fn === null) throw new UnsupportedFormula(`function ${node.name} is not available outside Excel`);
  const args = await Promise.all(node.args.map((arg) => libraryArgument(arg, context, depth)));
  while (args.length > 0 && node.args[args.length - 1].kind === "missing") args.pop();
  let result: unknown;
  try {
    result = fn(...(args as LibraryArg[]));
  } catch (error) {
    return new ExcelError("#VALUE!", `${node.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const value = fromLibrary(result, node.name);
  return Array.isArray(value) ? (value.length === 1 && value[0].length === 1 ? value[0][0] : arrayOf(value)) : value;
}
