import { monthStep } from "./axis";
import { sourcedChartTitle, sourcedTitle } from "./demo-label";
import type { NumberFormatKind } from "./formats";
import { excelString, mktCall } from "./formula-text";
import { benchmarkLabel, RotationValuationMeasure, RotationViewRequest } from "./requests";

/**
 * The rotation view, described once for the task pane's Excel writer and the .xlsx writer: on a
 * sheet of its own, a title (A1), an Excel table of spreads (baskets × periods) against the
 * benchmark, a weekly relative-strength block (dates fixed when written, one column per basket)
 * and a line chart over that block to the right of the tables.
 */

/** The chart's size in cells, and the gap between the tables and it. */
export const CHART_COLUMNS = 8;
export const CHART_ROWS = 20;

export interface ChartPlace {
  readonly fromRow: number;
  readonly fromColumn: number;
  readonly toRow: number;
  readonly toColumn: number;
}

/**
 * The monthly trailing-P/E gap block under the relative-strength block: a title, a header row
 * (Date, one column per basket) and one row per month end; its chart sits under the first chart.
 * Absent without a valuation block, or when the provider cannot value a past date (then `note`
 * says why, in the title's cell).
 */
export interface GapBlock {
  readonly titleRow: number;
  readonly headerRow: number;
  /** Excel serials of the rows: the last relative-strength date of each month, ascending. */
  readonly dates: readonly number[];
  readonly chart: ChartPlace;
}

/** Where each part of the view goes, relative to A1 of its sheet. */
export interface RotationLayout {
  readonly spreadsHeaderRow: number;
  /** The valuation columns, right of the periods in the spreads table (empty without valuation). */
  readonly valuationColumns: readonly RotationValuationColumn[];
  readonly strengthTitleRow: number;
  readonly strengthHeaderRow: number;
  readonly dates: readonly number[];
  /** The trailing-P/E gap block, or null. */
  readonly gap: GapBlock | null;
  /** Row of the one-line note saying why there is no gap chart, or null. */
  readonly gapNoteRow: number | null;
  /** Columns and rows the tables take. */
  readonly width: number;
  readonly height: number;
  /** The chart's top-left and bottom-right cells (0-based; the bottom-right one is covered too). */
  readonly chart: ChartPlace;
}

/** The last date of each calendar month among ascending Excel serials (the final date always kept). */
export function monthEndDates(dates: readonly number[]): number[] {
  const month = (serial: number): string => new Date(Math.round((serial - 25_569) * 86_400_000)).toISOString().slice(0, 7);
  return dates.filter((date, i) => i === dates.length - 1 || month(dates[i + 1]) !== month(date));
}

/** `dates`: Excel serials of the relative-strength rows, ascending (see the pane's weeklyDates). */
export function rotationLayout(request: RotationViewRequest, dates: readonly number[]): RotationLayout {
  const spreadsHeaderRow = 1;
  const valuationColumns = rotationValuationColumns(request);
  const strengthTitleRow = spreadsHeaderRow + 1 + request.baskets.length + 1;
  const strengthHeaderRow = strengthTitleRow + 1;
  const width = Math.max(1 + request.periods.length + valuationColumns.length, 1 + request.baskets.length);
  const afterStrength = strengthHeaderRow + 1 + dates.length + 1;
  const valuation = request.valuation ?? null;
  const gapDates = valuation?.gapChart ? monthEndDates(dates) : [];
  const gap: GapBlock | null =
    gapDates.length === 0
      ? null
      : {
          titleRow: afterStrength,
          headerRow: afterStrength + 1,
          dates: gapDates,
          chart: { fromRow: CHART_ROWS + 1, fromColumn: width + 1, toRow: 2 * CHART_ROWS, toColumn: width + CHART_COLUMNS },
        };
  const gapNoteRow = valuation !== null && gap === null ? afterStrength : null;
  const height = gap !== null ? gap.headerRow + 1 + gap.dates.length : gapNoteRow !== null ? gapNoteRow + 1 : afterStrength - 1;
  return {
    spreadsHeaderRow,
    valuationColumns,
    strengthTitleRow,
    strengthHeaderRow,
    dates,
    gap,
    gapNoteRow,
    width,
    height,
    chart: { fromRow: 0, fromColumn: width + 1, toRow: CHART_ROWS - 1, toColumn: width + CHART_COLUMNS },
  };
}

/** One valuation column of the spreads table: header, number format, and its formula per basket. */
export interface RotationValuationColumn {
  readonly key: "pe" | "gap" | "coverage";
  readonly header: string;
  readonly format: NumberFormatKind;
  /** The formula for `basket` (a workbook name or a quoted ticker list) against `benchmark`. */
  readonly formula: (basket: string, benchmark: string) => string;
}

const MEASURE_HEADERS: Readonly<Record<RotationValuationMeasure, string>> = { forward_pe: "Fwd P/E", trailing_pe: "P/E ttm" };

/**
 * Each basket's aggregate P/E (Σ market cap ÷ Σ earnings), its gap to the benchmark's and the share
 * of its market cap with the data: three columns right of the spreads, or none without valuation.
 */
export function rotationValuationColumns(request: RotationViewRequest): RotationValuationColumn[] {
  const valuation = request.valuation ?? null;
  if (valuation === null) return [];
  const measure = excelString(valuation.measure);
  return [
    {
      key: "pe",
      header: MEASURE_HEADERS[valuation.measure],
      format: "multiple",
      formula: (basket) => `=${mktCall("VALUATION", [basket, measure])}`,
    },
    {
      key: "gap",
      header: `Gap vs ${benchmarkLabel(request.benchmark)}`,
      format: "percent",
      formula: (basket, benchmark) => `=${mktCall("VALUATION_GAP", [basket, benchmark, measure])}`,
    },
    {
      key: "coverage",
      header: "Coverage",
      format: "percent",
      formula: (basket) => `=${mktCall("VALUATION", [basket, excelString(`coverage:${valuation.measure}`)])}`,
    },
  ];
}

/** A point of the gap chart: the trailing-P/E gap on the date in `dateCell`, from the EPS reported by then. */
export function gapFormula(basket: string, benchmark: string, dateCell: string): string {
  return `=${mktCall("VALUATION_GAP", [basket, benchmark, excelString("trailing_pe"), "", dateCell])}`;
}

/** "Trailing-P/E gap vs SPY, monthly from 2025-01-31"; `firstDate` as ISO text. */
export function gapTitle(request: RotationViewRequest, firstDate: string, demo: boolean): string {
  return sourcedTitle(`Trailing-P/E gap vs ${benchmarkLabel(request.benchmark)}, monthly from ${firstDate}`, demo);
}

export function gapChartTitle(request: RotationViewRequest, demo: boolean): string {
  return sourcedChartTitle(`Trailing-P/E gap vs ${benchmarkLabel(request.benchmark)}`, demo);
}

/** The one line in place of the gap chart when the provider cannot value a past date. */
export function gapChartNote(reason: string): string {
  return `No trailing-P/E gap chart: ${reason}.`;
}

export function validateRotationRequest(request: RotationViewRequest): void {
  if (request.baskets.length === 0) throw new Error("Pick at least one basket for the rotation view.");
  if (request.periods.length === 0) throw new Error("Pick at least one period for the rotation view.");
}

export function spreadFormula(basket: string, benchmark: string, period: string): string {
  return `=${mktCall("ROTATION_SPREAD", [basket, benchmark, excelString(period)])}`;
}

export function strengthFormula(basket: string, benchmark: string, startCell: string, dateCell: string): string {
  return `=${mktCall("RELATIVE_STRENGTH", [basket, benchmark, startCell, dateCell])}`;
}

export const SPREADS_TABLE_BASE_NAME = "Rotation_Spreads";
export const ROTATION_SHEET_BASE_NAME = "Rotation";

export function rotationTitle(request: RotationViewRequest, demo: boolean): string {
  return sourcedTitle(`Rotation vs ${benchmarkLabel(request.benchmark)}`, demo);
}

/** "Relative strength vs SPY, weekly from 2025-12-01"; `firstDate` as ISO text. */
export function strengthTitle(request: RotationViewRequest, firstDate: string, demo: boolean): string {
  return sourcedTitle(`Relative strength vs ${benchmarkLabel(request.benchmark)}, weekly from ${firstDate}`, demo);
}

export function strengthChartTitle(request: RotationViewRequest, demo: boolean): string {
  return sourcedChartTitle(`Relative strength vs ${benchmarkLabel(request.benchmark)}`, demo);
}

/** Labelled dates the chart's axis gets at most (monthly up to a year). */
export const MAX_DATE_TICKS = 12;
const DAYS_PER_MONTH = 30.44;

/**
 * How the chart's axes look in both Excel writers: light value gridlines with percent labels, a
 * date axis ticked at month starts (labels every few months for long spans), legend at the bottom.
 */
export interface StrengthChartAxes {
  readonly gridlineColor: string;
  readonly valueNumberFormat: string;
  readonly dateNumberFormat: string;
  /** Months between labelled ticks. */
  readonly majorMonths: number;
  /** Months between small tick marks. */
  readonly minorMonths: number;
  readonly lineWeightPoints: number;
}

export function strengthChartAxes(dates: readonly number[]): StrengthChartAxes {
  const months = dates.length < 2 ? 1 : (dates[dates.length - 1] - dates[0]) / DAYS_PER_MONTH;
  return {
    gridlineColor: "#D9D9D9",
    valueNumberFormat: "0%",
    dateNumberFormat: "mmm yy",
    majorMonths: monthStep(Math.ceil(months), MAX_DATE_TICKS),
    minorMonths: 1,
    lineWeightPoints: 2,
  };
}
