/** Cell values as the evaluator passes them around: scalars, arrays and references. */

export const ERROR_CODES = [
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
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(text: string): text is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(text);
}

/** An Excel error value, with the reason when we know it (provenance, messages). */
export class ExcelError {
  constructor(
    readonly code: ErrorCode,
    readonly message: string = "",
  ) {}
}

/** null is an empty cell. */
export type Scalar = number | string | boolean | ExcelError | null;

export interface ArrayValue {
  readonly kind: "array";
  readonly rows: readonly (readonly Scalar[])[];
}

/** A reference to cells of a sheet (by index), 0-based inclusive. */
export interface RefValue {
  readonly kind: "ref";
  readonly sheet: number;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export type Value = Scalar | ArrayValue | RefValue;

export const isArrayValue = (value: Value): value is ArrayValue =>
  typeof value === "object" && value !== null && "kind" in value && value.kind === "array";
export const isRef = (value: Value): value is RefValue =>
  typeof value === "object" && value !== null && "kind" in value && value.kind === "ref";

export function arrayOf(rows: readonly (readonly Scalar[])[]): ArrayValue {
  return { kind: "array", rows };
}

export const refRows = (ref: RefValue): number => ref.bottom - ref.top + 1;
export const refColumns = (ref: RefValue): number => ref.right - ref.left + 1;

/** A number as Excel's General format shows it in text (`&`, text functions): up to 15 significant digits. */
export function numberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const text = Number(value.toPrecision(15)).toString();
  return text.replace("e+", "E+").replace("e-", "E-");
}

/** A scalar as text, as `&` and text functions see it. */
export function toText(value: Exclude<Scalar, ExcelError>): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return numberText(value);
  return value;
}

/** A scalar as a number, as arithmetic sees it: blank 0, booleans 1/0, numeric text parsed, other text #VALUE!. */
export function toNumber(value: Exclude<Scalar, ExcelError>): number | ExcelError {
  if (value === null) return 0;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return value;
  const trimmed = value.trim();
  if (trimmed !== "" && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?$/.test(trimmed)) {
    return trimmed.endsWith("%") ? Number(trimmed.slice(0, -1)) / 100 : Number(trimmed);
  }
  return new ExcelError("#VALUE!", `cannot use text "${value}" as a number`);
}

/** A scalar as a condition (IF, AND): numbers non-zero, TRUE/FALSE text, blank false. */
export function toBoolean(value: Exclude<Scalar, ExcelError>): boolean | ExcelError {
  if (value === null) return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  return new ExcelError("#VALUE!", `cannot use text "${value}" as TRUE or FALSE`);
}
