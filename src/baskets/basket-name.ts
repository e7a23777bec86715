/**
 * Excel's rules for defined names, which a basket's name must follow because the workbook
 * stores each basket as a name (`=MKT.TOTAL_RETURN(SmallCaps,"YTD")`).
 */

export const MAX_NAME_LENGTH = 255;

/** Excel's last column (XFD) and row. */
const MAX_COLUMN = 16_384;
const MAX_ROW = 1_048_576;

export type BasketNameProblemKind = "empty" | "too-long" | "bad-start" | "bad-character" | "cell-reference" | "reserved" | "taken";

export interface BasketNameProblem {
  readonly kind: BasketNameProblemKind;
  /** A sentence for the pane, e.g. `"Mag7" is a cell address (column MAG, row 7); …`. */
  readonly message: string;
}

const START = /^[\p{L}_]/u;
const ALLOWED = /^[\p{L}\p{Nd}_.]+$/u;
const NOT_ALLOWED = /[^\p{L}\p{Nd}_.]/u;

/** Column number of letters A..XFD (1-based), or NaN when longer than three letters. */
function columnNumber(letters: string): number {
  if (letters.length > 3) return Number.NaN;
  let n = 0;
  for (const char of letters.toUpperCase()) n = n * 26 + (char.charCodeAt(0) - 64);
  return n;
}

/** Why `name` would be read as a cell or an R1C1 reference, or null when it would not. */
export function cellReferenceReading(name: string): string | null {
  const a1 = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
  if (a1) {
    const column = columnNumber(a1[1]);
    const row = Number(a1[2]);
    if (column <= MAX_COLUMN && row >= 1 && row <= MAX_ROW) {
      return `column ${a1[1].toUpperCase()}, row ${row}`;
    }
  }
  const r1c1 = /^[Rr](\d*)(?:[Cc](\d*))?$|^[Cc](\d*)$/.exec(name);
  if (r1c1) {
    const row = r1c1[1] === undefined || r1c1[1] === "" ? null : Number(r1c1[1]);
    const column = (r1c1[2] ?? r1c1[3] ?? "") === "" ? null : Number(r1c1[2] ?? r1c1[3]);
    const rowOk = row === null || (row >= 1 && row <= MAX_ROW);
    const columnOk = column === null || (column >= 1 && column <= MAX_COLUMN);
    if (rowOk && columnOk) return "an R1C1 reference";
  }
  return null;
}

function quoted(name: string): string {
  return `"${name.length > 40 ? `${name.slice(0, 40)}…` : name}"`;
}

/**
 * The first rule `name` breaks, or null when Excel accepts it as a new workbook name.
 * `existing` are the names already in use (other baskets, workbook names, table names);
 * the comparison ignores case, as Excel does.
 */
export function validateBasketName(name: string, existing: Iterable<string> = []): BasketNameProblem | null {
  if (name.trim() === "") return { kind: "empty", message: "Give the basket a name." };
  const shown = quoted(name);
  if (name.length > MAX_NAME_LENGTH) {
    return { kind: "too-long", message: `The name is ${name.length} characters long; Excel allows at most ${MAX_NAME_LENGTH}.` };
  }
  if (!START.test(name)) {
    return { kind: "bad-start", message: `${shown} must start with a letter or an underscore.` };
  }
  if (!ALLOWED.test(name)) {
    const bad = NOT_ALLOWED.exec(name)?.[0] ?? "";
    const what = bad === " " ? "a space" : `"${bad}"`;
    return {
      kind: "bad-character",
      message: `${shown} contains ${what}; use only letters, digits, underscores and periods (e.g. Small_Caps).`,
    };
  }
  const reference = cellReferenceReading(name);
  if (reference !== null) {
    return {
      kind: "cell-reference",
      message: `${shown} is a cell address (${reference}), so formulas would read that cell; add a letter or an underscore (e.g. ${name}_).`,
    };
  }
  if (/^(true|false)$/i.test(name)) {
    return { kind: "reserved", message: `${shown} is reserved by Excel.` };
  }
  const lower = name.toLowerCase();
  for (const other of existing) {
    if (other.toLowerCase() === lower) {
      return { kind: "taken", message: `${shown} is already used in this workbook (names ignore case).` };
    }
  }
  return null;
}

function isTaken(name: string, existing: readonly string[]): boolean {
  const lower = name.toLowerCase();
  return existing.some((other) => other.toLowerCase() === lower);
}

/** `base`, else `base` + suffix(2), suffix(3)…: the first that is not taken. */
function firstFree(base: string, suffix: (n: number) => string, existing: readonly string[]): string {
  for (let n = 1; ; n++) {
    const tail = n === 1 ? "" : suffix(n);
    const candidate = base.slice(0, MAX_NAME_LENGTH - tail.length) + tail;
    if (!isTaken(candidate, existing)) return candidate;
  }
}

/** A valid, unused name made from a label: "S&P 500" → "S_P_500", "Nasdaq 100" → "Nasdaq_100". */
export function suggestName(label: string, existing: Iterable<string> = []): string {
  const taken = [...existing];
  let base = label
    .normalize("NFC")
    .replace(/[^\p{L}\p{Nd}_.]+/gu, "_")
    .replace(/^[_.]+|[_.]+$/g, "");
  if (base === "") base = "Basket";
  if (!START.test(base)) base = `_${base}`;
  if (cellReferenceReading(base) !== null || /^(true|false)$/i.test(base)) base = `${base}_`;
  return firstFree(base.slice(0, MAX_NAME_LENGTH), (n) => `_${n}`, taken);
}

/** The name for a copy of a basket: "Mag_7" → "Mag_7_copy", then "Mag_7_copy2", "Mag_7_copy3"… */
export function duplicateName(name: string, existing: Iterable<string> = []): string {
  const taken = [...existing];
  const base = `${name.slice(0, MAX_NAME_LENGTH - "_copy".length)}_copy`;
  return firstFree(base, (n) => String(n), taken);
}
