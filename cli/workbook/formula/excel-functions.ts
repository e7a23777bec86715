import * as formulajs from "@formulajs/formulajs";
import { ExcelError, isErrorCode, Scalar } from "./values";

/**
 * The ordinary Excel functions (AVERAGE, ROUND, VLOOKUP, STDEV.S, EDATE…) come from formulajs, a
 * maintained MIT implementation of Excel's function library. This file is the bridge: our values
 * in (ranges as 2-D arrays, empty cells as null, errors as formulajs's Error values), theirs out
 * (Dates as Excel serials, Errors as Excel errors, NaN/Infinity as #NUM!).
 */

type Library = Record<string, unknown>;
export type LibraryArg = Scalar | Error | LibraryArg[];
type LibraryFunction = (...args: LibraryArg[]) => unknown;

const LIBRARY = formulajs as unknown as Library;
const MS_PER_DAY = 86_400_000;
/** Days between Excel's 1900 epoch (serial 0, with its 1900 leap-day quirk) and 1970-01-01. */
const EPOCH_SERIAL = 25_569;

/** `STDEV.S` → formulajs.STDEV.S; null when formulajs has no such function. */
export function libraryFunction(name: string): LibraryFunction | null {
  let node: unknown = LIBRARY;
  for (const part of name.split(".")) {
    if ((typeof node !== "object" && typeof node !== "function") || node === null) return null;
    node = (node as Library)[part];
  }
  return typeof node === "function" ? (node as LibraryFunction) : null;
}

/** A Date (formulajs builds them in local time) as an Excel serial, with the time of day as the fraction. */
export function dateToSerial(date: Date): number {
  const utc = Date.UTC(
    date.getFullYear(),
    date.getMonth(),
    date.getDate(),
    date.getHours(),
    date.getMinutes(),
    date.getSeconds(),
    date.getMilliseconds(),
  );
  return utc / MS_PER_DAY + EPOCH_SERIAL;
}

export function toLibrary(value: Scalar): Scalar | Error {
  return value instanceof ExcelError ? new Error(value.code) : value;
}

/** A formulajs result as our value: a scalar, or rows for an array. */
export function fromLibrary(result: unknown, name: string): Scalar | Scalar[][] {
  if (Array.isArray(result)) {
    const rows = result.every(Array.isArray) ? (result as unknown[][]) : [result];
    return rows.map((row) => row.map((cell) => scalarFromLibrary(cell, name)));
  }
  return scalarFromLibrary(result, name);
}

function scalarFromLibrary(result: unknown, name: string): Scalar {
  if (result instanceof Error) {
    const code = result.message;
    return new ExcelError(isErrorCode(code) ? code : "#VALUE!", `${name}: ${code}`);
  }
  if (result instanceof Date)
    return Number.isNaN(result.getTime()) ? new ExcelError("#VALUE!", `${name}: invalid date`) : dateToSerial(result);
  if (typeof result === "number") return Number.isFinite(result) ? result : new ExcelError("#NUM!", `${name} has no finite result`);
  if (typeof result === "string" || typeof result === "boolean") return result;
  if (result === null || result === undefined) return 0;
  return new ExcelError("#VALUE!", `${name} returned an unexpected value`);
}
