/** How a table cell shows its value, and its highlight: the shared layout's kinds (src/workbook/formats.ts). */
export type { Highlight, NumberFormatKind } from "../../workbook";
