/** The relative-strength lines' colours and dashes, shared with the .xlsx writer: see src/workbook/series-style.ts. */
export { OKABE_ITO, seriesStyle } from "../../../workbook";
export type { SeriesStyle } from "../../../workbook";
