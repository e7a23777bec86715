/**
 * Formulas as a workbook file stores them (no leading "=", `_xlfn.` prefixes, structured references
 * with `[#This Row]`, add-in functions as `_xldudf_NS_NAME`), parsed into a small tree that the
 * evaluator walks and the refresh analyses for dependencies.
 */
import type { ErrorCode } from "./values";

/** A rectangle of cells on one sheet, 0-based and inclusive; `sheet` null means the formula's own sheet. */
export interface AreaRef {
  readonly sheet: string | null;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  /** Which corners are absolute ($), for shared formulas: [top-row, left-col, bottom-row, right-col]. */
  readonly absolute: readonly [boolean, boolean, boolean, boolean];
}

/** One `Table[…]` reference: which rows (`items`) of which columns. */
export interface StructuredRef {
  /** Null when written without a table name (`[@Col]`): the table the formula sits in. */
  readonly table: string | null;
  readonly items: ReadonlySet<"#All" | "#Data" | "#Headers" | "#Totals" | "#This Row">;
  /** First and last column name; null for all columns. */
  readonly columns: readonly [string, string] | null;
}

export type Node =
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "error"; readonly code: ErrorCode }
  | { readonly kind: "array"; readonly rows: readonly (readonly Node[])[] }
  | { readonly kind: "missing" }
  | { readonly kind: "area"; readonly ref: AreaRef }
  /** `A1#`: the spill of the formula in A1. */
  | { readonly kind: "spill"; readonly ref: AreaRef }
  | { readonly kind: "name"; readonly name: string; readonly sheet: string | null }
  | { readonly kind: "structured"; readonly ref: StructuredRef }
  | { readonly kind: "unary"; readonly op: "-" | "+" | "%"; readonly operand: Node }
  | { readonly kind: "binary"; readonly op: BinaryOp; readonly left: Node; readonly right: Node }
  /** `name` upper-case without `_xlfn.`/`_xlws.`; `mkt` set for our functions (`MKT.X` or `_xldudf_MKT_X`). */
  | { readonly kind: "call"; readonly name: string; readonly args: readonly Node[]; readonly mkt: boolean; readonly addin: boolean };

export type BinaryOp = "+" | "-" | "*" | "/" | "^" | "&" | "=" | "<>" | "<" | ">" | "<=" | ">=" | ":";

/** Every node below `node`, itself included. */
export function* walk(node: Node): Generator<Node> {
  yield node;
  switch (node.kind) {
    case "array":
      for (const row of node.rows) for (const item of row) yield* walk(item);
      return;
    case "unary":
      yield* walk(node.operand);
      return;
    case "binary":
      yield* walk(node.left);
      yield* walk(node.right);
      return;
    case "call":
      for (const arg of node.args) yield* walk(arg);
      return;
    default:
      return;
  }
}

/** The tree with its relative references moved by (rows, columns): a shared formula's copy in another cell. */
export function shifted(node: Node, rows: number, columns: number): Node {
  if (rows === 0 && columns === 0) return node;
  const move = (ref: AreaRef): AreaRef => ({
    ...ref,
    top: ref.absolute[0] ? ref.top : ref.top + rows,
    left: ref.absolute[1] ? ref.left : ref.left + columns,
    bottom: ref.absolute[2] ? ref.bottom : ref.bottom + rows,
    right: ref.absolute[3] ? ref.right : ref.right + columns,
  });
  switch (node.kind) {
    case "area":
    case "spill":
      return { ...node, ref: move(node.ref) };
    case "array":
      return node;
    case "unary":
      return { ...node, operand: shifted(node.operand, rows, columns) };
    case "binary":
      return { ...node, left: shifted(node.left, rows, columns), right: shifted(node.right, rows, columns) };
    case "call":
      return { ...node, args: node.args.map((arg) => shifted(arg, rows, columns)) };
    default:
      return node;
  }
}
