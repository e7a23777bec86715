import { monthStep } from "./axis";
import { sourcedChartTitle, sourcedTitle } from "./demo-label";
import { excelString, mktCall } from "./formula-text";
import { benchmarkLabel, RotationViewRequest } from "./requests";

/**
 * The rotation view, described once for the task pane's Excel writer and the .xlsx writer: on a
 * sheet of its own, a title (A1), an Excel table of spreads (baskets × periods) against the
 * benchmark, a weekly relative-strength block (dates fixed when written, one column per basket)
 * and a line chart over that block to the right of the tables.
 */

/** The chart's size in cells, and the gap between the tables and it. */
export const CHART_COLUMNS = 8;
export const CHART_ROWS = 20;

/** Where each part of the view goes, relative to A1 of its sheet. */
export interface RotationLayout {
  readonly spreadsHeaderRow: number;
  readonly strengthTitleRow: number;
  readonly strengthHeaderRow: number;
  readonly dates: readonly number[];
  /** Columns and rows the tables take. */
  readonly width: number;
  readonly height: number;
  /** The chart's top-left and bottom-right cells (0-based; the bottom-right one is covered too). */
  readonly chart: { readonly fromRow: number; readonly fromColumn: number; readonly toRow: number; readonly toColumn: number };
}

/** `dates`: Excel serials of the relative-strength rows, ascending (see the pane's weeklyDates). */
export function rotationLayout(request: RotationViewRequest, dates: readonly number[]): RotationLayout {
  const spreadsHeaderRow = 1;
  const strengthTitleRow = spreadsHeaderRow + 1 + request.baskets.length + 1;
  const strengthHeaderRow = strengthTitleRow + 1;
  const width = Math.max(1 + request.periods.length, 1 + request.baskets.length);
  return {
    spreadsHeaderRow,
    strengthTitleRow,
    strengthHeaderRow,
    dates,
    width,
    height: strengthHeaderRow + 1 + dates.length,
    chart: { fromRow: 0, fromColumn: width + 1, toRow: CHART_ROWS - 1, toColumn: width + CHART_COLUMNS },
  };
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
