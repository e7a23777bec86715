/**
 * Data: refresh (recalculate MKT formulas), freeze for sharing, and "Retry now" for the cells the
 * plan's limits refused, in Excel and in the preview.
 */
export { DataPanel } from "./DataPanel";
export { freezeMktFormulas } from "./freeze";
export { recalculateMktFormulas } from "./recalculate";
export { freezePreviewTables, PreviewRefusals, recalculatePreviewTables, retryRefusedPreviewTables } from "./data-preview";
export type { PreviewRefusal, RefusalLog } from "./data-preview";
export { cellPlaceOf, retryRefusedCells } from "./retry-refused";
