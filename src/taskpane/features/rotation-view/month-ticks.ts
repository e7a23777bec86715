import { monthStep } from "../../../workbook";
import { excelSerialToIso } from "../../common/preview/cell-format";

export { monthStep };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export interface MonthTick {
  /** Position in the dates (the first session of that month). */
  readonly index: number;
  /** "2026-03" */
  readonly month: string;
  /** "Mar", or "Jan 2026" on January and on the first label; null for a tick without a label. */
  readonly label: string | null;
}

/**
 * Ticks at the first session of each month, for ascending Excel serials: monthly while there is
 * room for `maxTicks`, else every 2, 3, 6 or 12 months on calendar boundaries (quarters start in
 * Jan, Apr, Jul, Oct). At most `maxLabels` of them carry a label; the first label and every
 * January carry the year.
 */
export function monthTicks(serials: readonly number[], maxLabels = 8, maxTicks = 4 * maxLabels): MonthTick[] {
  const starts: { index: number; year: number; month: number }[] = [];
  serials.forEach((serial, index) => {
    const month = excelSerialToIso(serial).slice(0, 7);
    if (index > 0 && excelSerialToIso(serials[index - 1]).slice(0, 7) !== month) {
      starts.push({ index, year: Number(month.slice(0, 4)), month: Number(month.slice(5)) - 1 });
    }
  });
  if (starts.length === 0) return [];
  const tickStep = monthStep(starts.length, maxTicks);
  const labelStep = monthStep(starts.length, maxLabels, tickStep);
  let labelled = 0;
  return starts
    .filter((start) => start.month % tickStep === 0)
    .map((start) => {
      const hasLabel = start.month % labelStep === 0;
      const label = !hasLabel ? null : labelled++ === 0 || start.month === 0 ? `${MONTHS[start.month]} ${start.year}` : MONTHS[start.month];
      return { index: start.index, month: `${start.year}-${String(start.month + 1).padStart(2, "0")}`, label };
    });
}
