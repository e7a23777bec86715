import type { AreaRef, BinaryOp, Node, StructuredRef } from "./ast";
import { ERROR_CODES, ErrorCode } from "./values";

/**
 * Excel's formula grammar as files store it, enough for what analysts put next to MKT formulas:
 * numbers, strings, booleans, errors, array constants, A1 references and ranges (with sheet
 * names, `A:A`, `1:1`, `A1#`), workbook and sheet names, structured references, function calls and
 * the operators with Excel's precedence (unary minus binds tighter than `^`). Not supported (a
 * FormulaParseError, so the refresh leaves such a cell's value alone and says so): R1C1 notation,
 * the intersection and union operators, 3-D and external references.
 */
export class FormulaParseError extends Error {
  constructor(message: string, text: string, position: number) {
    super(`${message} at position ${position + 1} of ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)}`);
    this.name = "FormulaParseError";
  }
}

const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;
const PRECEDENCE: Readonly<Record<string, number>> = {
  "=": 1,
  "<>": 1,
  "<": 1,
  ">": 1,
  "<=": 1,
  ">=": 1,
  "&": 2,
  "+": 3,
  "-": 3,
  "*": 4,
  "/": 4,
  "^": 5,
};
const MKT_STORED = /^_xldudf_MKT_(.+)$/i;
const MKT_TYPED = /^MKT\.(.+)$/i;

function columnNumber(letters: string): number {
  let n = 0;
  for (const char of letters.toUpperCase()) n = n * 26 + (char.charCodeAt(0) - 64);
  return n;
}

/** The function a call names, as the evaluator looks it up. */
export function callName(raw: string): { name: string; mkt: boolean; addin: boolean } {
  const stored = MKT_STORED.exec(raw) ?? MKT_TYPED.exec(raw);
  if (stored !== null) return { name: stored[1].toUpperCase(), mkt: true, addin: false };
  if (/^_xldudf_|^_xll\./i.test(raw)) return { name: raw, mkt: false, addin: true };
  return { name: raw.replace(/^(_xlfn\.)?(_xlws\.)?/i, "").toUpperCase(), mkt: false, addin: false };
}

class Parser {
  private position = 0;

  constructor(private readonly text: string) {}

  parse(): Node {
    if (this.text.startsWith("=")) this.position = 1;
    const node = this.expression(0);
    this.space();
    if (this.position < this.text.length) this.fail("unexpected text");
    return node;
  }

  private fail(message: string): never {
    throw new FormulaParseError(message, this.text, this.position);
  }

  private space(): void {
    while (this.position < this.text.length && /\s/.test(this.text[this.position])) this.position++;
  }

  private peek(): string {
    this.space();
    return this.text[this.position] ?? "";
  }

  private rest(): string {
    return this.text.slice(this.position);
  }

  private expect(char: string): void {
    if (this.peek() !== char) this.fail(`expected ${char}`);
    this.position++;
  }

  private operator(): string | null {
    this.space();
    const two = this.text.slice(this.position, this.position + 2);
    if (two === "<>" || two === "<=" || two === ">=") return two;
    const one = this.text[this.position];
    return one !== undefined && one in PRECEDENCE ? one : null;
  }

  private expression(minimum: number): Node {
    let left = this.unary();
    for (;;) {
      const op = this.operator();
      if (op === null || PRECEDENCE[op] < minimum) return left;
      this.position += op.length;
      const right = this.expression(PRECEDENCE[op] + 1);
      left = { kind: "binary", op: op as BinaryOp, left, right };
    }
  }

  private unary(): Node {
    const next = this.peek();
    if (next === "-" || next === "+") {
      this.position++;
      return { kind: "unary", op: next, operand: this.unary() };
    }
    let node = this.range();
    while (this.peek() === "%") {
      this.position++;
      node = { kind: "unary", op: "%", operand: node };
    }
    return node;
  }

  private range(): Node {
    let node = this.primary();
    while (this.peek() === ":") {
      this.position++;
      node = { kind: "binary", op: ":", left: node, right: this.primary() };
    }
    return node;
  }

  private primary(): Node {
    const next = this.peek();
    if (next === "") this.fail("formula ends early");
    if (next === "(") {
      this.position++;
      const inner = this.expression(0);
      this.expect(")");
      return inner;
    }
    if (next === '"') return { kind: "string", value: this.string() };
    if (next === "{") return this.arrayConstant();
    if (next === "#") return { kind: "error", code: this.errorLiteral() };
    if (next === "[") {
      if (/^\[\d+\]/.test(this.rest())) this.fail("references to other workbooks are not supported");
      return { kind: "structured", ref: this.structured(null) };
    }
    const number = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(this.rest());
    if (number !== null && !/^\d+:/.test(this.rest())) {
      this.position += number[0].length;
      return { kind: "number", value: Number(number[0]) };
    }
    if (next === "'") {
      const sheet = this.quotedSheet();
      return this.afterSheet(sheet);
    }
    // A sheet name before "!" (with ":" a 3-D reference, refused in afterSheet).
    const sheetPrefix = /^([^\s'!(),;{}"&=<>+\-*/^%#[\]]+)!/.exec(this.rest());
    if (sheetPrefix !== null) {
      this.position += sheetPrefix[0].length;
      return this.afterSheet(sheetPrefix[1]);
    }
    return this.reference(null) ?? this.word();
  }

  private string(): string {
    this.expect('"');
    let value = "";
    for (;;) {
      const end = this.text.indexOf('"', this.position);
      if (end < 0) this.fail("unterminated string");
      value += this.text.slice(this.position, end);
      this.position = end + 1;
      if (this.text[this.position] !== '"') return value;
      value += '"';
      this.position++;
    }
  }

  private errorLiteral(): ErrorCode {
    const rest = this.rest().toUpperCase();
    const code = [...ERROR_CODES].sort((a, b) => b.length - a.length).find((candidate) => rest.startsWith(candidate));
    if (code === undefined) this.fail("unknown error value");
    this.position += code.length;
    return code;
  }

  private arrayConstant(): Node {
    this.expect("{");
    const rows: Node[][] = [[]];
    for (;;) {
      rows[rows.length - 1].push(this.arrayItem());
      const next = this.peek();
      this.position++;
      if (next === ",") continue;
      if (next === ";") {
        rows.push([]);
        continue;
      }
      if (next === "}") break;
      this.position--;
      this.fail("expected , ; or } in an array constant");
    }
    if (rows.some((row) => row.length !== rows[0].length)) this.fail("array constant rows have different lengths");
    return { kind: "array", rows };
  }

  private arrayItem(): Node {
    const next = this.peek();
    if (next === '"') return { kind: "string", value: this.string() };
    if (next === "#") return { kind: "error", code: this.errorLiteral() };
    const match = /^([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)|^(TRUE|FALSE)\b/i.exec(this.rest());
    if (match === null) this.fail("expected a constant in an array");
    this.position += match[0].length;
    if (match[4] !== undefined) return { kind: "boolean", value: match[4].toUpperCase() === "TRUE" };
    return { kind: "number", value: Number(match[1]) };
  }

  private quotedSheet(): string {
    this.expect("'");
    let name = "";
    for (;;) {
      const end = this.text.indexOf("'", this.position);
      if (end < 0) this.fail("unterminated sheet name");
      name += this.text.slice(this.position, end);
      this.position = end + 1;
      if (this.text[this.position] !== "'") break;
      name += "'";
      this.position++;
    }
    if (this.text[this.position] !== "!") this.fail("expected ! after a sheet name");
    this.position++;
    if (/^\[\d+\]/.test(name)) this.fail("references to other workbooks are not supported");
    return name;
  }

  private afterSheet(sheet: string): Node {
    if (sheet.includes(":")) this.fail("3-D references are not supported");
    if (/^\[\d+\]/.test(sheet)) this.fail("references to other workbooks are not supported");
    if (this.rest().startsWith("#REF!")) {
      this.position += 5;
      return { kind: "error", code: "#REF!" };
    }
    const reference = this.reference(sheet);
    if (reference !== null) return reference;
    const name = /^[\p{L}_\\][\p{L}\p{N}_.?\\]*/u.exec(this.rest());
    if (name === null) this.fail("expected a reference or a name after the sheet name");
    this.position += name[0].length;
    return { kind: "name", name: name[0], sheet };
  }

  /** A1, $A$1, A1:B2, A:A, 1:1, A1#; null when the text here is not a reference. */
  private reference(sheet: string | null): Node | null {
    this.space();
    const rest = this.rest();
    const columns = /^(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![\p{L}\p{N}_.(])/u.exec(rest);
    if (columns !== null) {
      this.position += columns[0].length;
      const [a, b] = [columnNumber(columns[2]) - 1, columnNumber(columns[4]) - 1];
      return this.area(sheet, 0, Math.min(a, b), MAX_ROW - 1, Math.max(a, b), [true, columns[1] === "$", true, columns[3] === "$"]);
    }
    const rows = /^(\$?)(\d+):(\$?)(\d+)(?![\p{L}\p{N}_.(])/u.exec(rest);
    if (rows !== null) {
      this.position += rows[0].length;
      const [a, b] = [Number(rows[2]) - 1, Number(rows[4]) - 1];
      return this.area(sheet, Math.min(a, b), 0, Math.max(a, b), MAX_COLUMN - 1, [rows[1] === "$", true, rows[3] === "$", true]);
    }
    const cell = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\p{L}\p{N}_.(])/u.exec(rest);
    if (cell === null) return null;
    const column = columnNumber(cell[2]) - 1;
    const row = Number(cell[4]) - 1;
    if (column >= MAX_COLUMN || row < 0 || row >= MAX_ROW) return null;
    this.position += cell[0].length;
    const second = /^:(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\p{L}\p{N}_.(])/u.exec(this.rest());
    if (second !== null) {
      this.position += second[0].length;
      const column2 = columnNumber(second[2]) - 1;
      const row2 = Number(second[4]) - 1;
      return this.area(sheet, Math.min(row, row2), Math.min(column, column2), Math.max(row, row2), Math.max(column, column2), [
        cell[3] === "$",
        cell[1] === "$",
        second[3] === "$",
        second[1] === "$",
      ]);
    }
    const absolute: [boolean, boolean, boolean, boolean] = [cell[3] === "$", cell[1] === "$", cell[3] === "$", cell[1] === "$"];
    if (this.text[this.position] === "#") {
      this.position++;
      return { kind: "spill", ref: { sheet, top: row, left: column, bottom: row, right: column, absolute } };
    }
    return this.area(sheet, row, column, row, column, absolute);
  }

  private area(sheet: string | null, top: number, left: number, bottom: number, right: number, absolute: AreaRef["absolute"]): Node {
    return { kind: "area", ref: { sheet, top, left, bottom, right, absolute } };
  }

  private word(): Node {
    const match = /^[\p{L}_\\][\p{L}\p{N}_.?\\]*/u.exec(this.rest());
    if (match === null) this.fail("unexpected character");
    const word = match[0];
    this.position += word.length;
    if (this.peek() === "(") {
      this.position++;
      return { kind: "call", ...callName(word), args: this.arguments() };
    }
    if (this.text[this.position] === "[") return { kind: "structured", ref: this.structured(word) };
    if (/^(TRUE|FALSE)$/i.test(word)) return { kind: "boolean", value: word.toUpperCase() === "TRUE" };
    return { kind: "name", name: word, sheet: null };
  }

  private arguments(): Node[] {
    const args: Node[] = [];
    if (this.peek() === ")") {
      this.position++;
      return args;
    }
    for (;;) {
      const next = this.peek();
      args.push(next === "," || next === ")" ? { kind: "missing" } : this.expression(0));
      const after = this.peek();
      this.position++;
      if (after === ",") continue;
      if (after === ")") return args;
      this.position--;
      this.fail("expected , or ) in a function call");
    }
  }

  /** One bracketed name with `'` escapes, the position on its `[`. */
  private bracketed(): string {
    if (this.text[this.position] !== "[") this.fail("expected [");
    this.position++;
    let name = "";
    for (;;) {
      const char = this.text[this.position];
      if (char === undefined) this.fail("unterminated [");
      this.position++;
      if (char === "'") {
        name += this.text[this.position] ?? "";
        this.position++;
      } else if (char === "]") {
        return name;
      } else {
        name += char;
      }
    }
  }

  private structured(table: string | null): StructuredRef {
    const items = new Set<StructuredRef["items"] extends ReadonlySet<infer T> ? T : never>();
    const columns: string[] = [];
    const addItem = (text: string): void => {
      const special = ["#All", "#Data", "#Headers", "#Totals", "#This Row"].find(
        (item) => item.toLowerCase() === text.trim().toLowerCase(),
      );
      if (special !== undefined) items.add(special as never);
      else columns.push(text);
    };
    // Table[], Table[Col], Table[#Data], Table[@Col], Table[@[Col 1]], Table[[#This Row],[Col]], Table[[Col1]:[Col2]]
    if (this.text.startsWith("[@[", this.position)) {
      this.position += 2;
      items.add("#This Row");
      columns.push(this.bracketed());
      if (this.text[this.position] !== "]") this.fail("expected ] after a column name");
      this.position++;
    } else if (this.text[this.position + 1] !== "[") {
      const inner = this.bracketed();
      if (inner.startsWith("@")) {
        items.add("#This Row");
        if (inner.length > 1) columns.push(inner.slice(1));
      } else if (inner !== "") {
        addItem(inner);
      }
    } else {
      this.position++; // outer [
      for (;;) {
        this.space();
        if (this.text[this.position] === "@") {
          this.position++;
          items.add("#This Row");
          continue;
        }
        addItem(this.bracketed());
        this.space();
        const next = this.text[this.position];
        this.position++;
        if (next === "," || next === ":") continue;
        if (next === "]") break;
        this.position--;
        this.fail("expected , : or ] in a structured reference");
      }
    }
    if (columns.length > 2) this.fail("a structured reference names at most a range of two columns");
    return {
      table,
      items,
      columns: columns.length === 0 ? null : [columns[0], columns[columns.length - 1]],
    };
  }
}

export function parseFormula(text: string): Node {
  return new Parser(text).parse();
}
