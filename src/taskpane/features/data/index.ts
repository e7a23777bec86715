/** Data: refresh (recalculate MKT formulas) and freeze for sharing, in Excel and in the preview. */
export { DataPanel } from "./DataPanel";
export { freezeMktFormulas } from "./freeze";
export { recalculateMktFormulas } from "./recalculate";
export { freezePreviewTables, recalculatePreviewTables } from "./data-preview";
