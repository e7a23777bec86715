/** The sector table a request describes: the shared layout (src/workbook), drawn by the Excel writer and the preview. */
export { BENCHMARK, MEMBERS, sectorTableLayout } from "../../../workbook";
export type { SectorTableLayout, SummaryArg, SummaryLine } from "../../../workbook";
