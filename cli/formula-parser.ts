/**
 * Parses one MKT formula as typed in a cell: `[=][MKT.]NAME(arg, …)` where each argument is a
 * string ("…", with "" for a quote), a number, TRUE/FALSE, an array constant {"A","B";1,2}, a name
 * (a basket such as Mag_7, resolved by the caller as Excel resolves workbook names), or omitted
 * (empty, which Excel passes as null).
 */
export type Scalar = string | number | boolean;

/** A bare name in an argument, e.g. `Mag_7` in `TOTAL_RETURN(Mag_7, "YTD")`. */
export class NameReference {
  constructor(
    readonly name: string,
    /** 1-based column of the name in the formula text, for messages. */
    readonly column: number,
  ) {}
}

export type ParsedArg = Scalar | Scalar[][] | NameReference | null;

export interface ParsedFormula {
  name: string;
  args: ParsedArg[];
}

export class FormulaSyntaxError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(`${message} at column ${column}`);
    this.name = "FormulaSyntaxError";
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_.]*/;
/** A workbook name as Excel allows it: a letter or underscore, then letters, digits, underscores, periods. */
const DEFINED_NAME = /^[\p{L}_][\p{L}\p{Nd}_.]*/u;

class Cursor {
  position = 0;
  constructor(readonly text: string) {}

  skipSpace(): void {
    while (this.position < this.text.length && /\s/.test(this.text[this.position])) this.position++;
  }
  peek(): string {
    this.skipSpace();
    return this.text[this.position] ?? "";
  }
  expect(char: string): void {
    if (this.peek() !== char) this.fail(`expected ${char}`);
    this.position++;
  }
  match(pattern: RegExp): string | null {
    this.skipSpace();
    const found = pattern.exec(this.text.slice(this.position));
    if (found === null) return null;
    this.position += found[0].length;
    return found[0];
  }
  fail(message: string): never {
    const near =
      this.position < this.text.length ? ` near ${JSON.stringify(this.text.slice(this.position, this.position + 10))}` : " at the end";
    throw new FormulaSyntaxError(`${message}${near}`, this.position + 1);
  }
}

function parseString(cursor: Cursor): string {
  cursor.expect('"');
  let value = "";
  for (;;) {
    const next = cursor.text.indexOf('"', cursor.position);
    if (next < 0) cursor.fail("unterminated string");
    value += cursor.text.slice(cursor.position, next);
    cursor.position = next + 1;
    if (cursor.text[cursor.position] !== '"') return value;
    value += '"';
    cursor.position++;
  }
}

function parseScalar(cursor: Cursor): Scalar {
  if (cursor.peek() === '"') return parseString(cursor);
  const number = cursor.match(NUMBER);
  if (number !== null) return Number(number);
  const word = cursor.match(/^(TRUE|FALSE)\b/i);
  if (word !== null) return word.toUpperCase() === "TRUE";
  return cursor.fail("expected a string, a number, TRUE or FALSE");
}

function parseArray(cursor: Cursor): Scalar[][] {
  cursor.expect("{");
  const rows: Scalar[][] = [[parseScalar(cursor)]];
  for (;;) {
    const next = cursor.peek();
    if (next === ",") rows[rows.length - 1].push((cursor.position++, parseScalar(cursor)));
    else if (next === ";") rows.push([(cursor.position++, parseScalar(cursor))]);
    else break;
  }
  cursor.expect("}");
  if (rows.some((row) => row.length !== rows[0].length)) cursor.fail("array rows have different lengths");
  return rows;
}

function parseArg(cursor: Cursor): ParsedArg {
  const next = cursor.peek();
  if (next === "," || next === ")") return null;
  if (next === "{") return parseArray(cursor);
  const column = cursor.position + 1;
  const name = cursor.match(DEFINED_NAME);
  if (name !== null) {
    if (/^(TRUE|FALSE)$/i.test(name)) return name.toUpperCase() === "TRUE";
    if (cursor.peek() === "(") {
      cursor.position = column - 1;
      cursor.fail("a function call inside a formula is not supported here; give its value");
    }
    return new NameReference(name, column);
  }
  return parseScalar(cursor);
}

export function parseFormula(text: string): ParsedFormula {
  const cursor = new Cursor(text);
  if (cursor.peek() === "=") cursor.position++;
  const qualified = cursor.match(NAME);
  if (qualified === null) return cursor.fail("expected a function name");
  const name = qualified.toUpperCase().replace(/^MKT\./, "");
  cursor.expect("(");
  const args: ParsedArg[] = [];
  if (cursor.peek() !== ")") {
    args.push(parseArg(cursor));
    while (cursor.peek() === ",") {
      cursor.position++;
      args.push(parseArg(cursor));
    }
  }
  cursor.expect(")");
  if (cursor.peek() !== "") cursor.fail("unexpected text after the formula");
  return { name, args };
}
