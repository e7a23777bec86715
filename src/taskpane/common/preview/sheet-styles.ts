/** Looks of the preview sheet: Excel-like grid tables, Office colours. */
export const SHEET_STYLES = `
#preview-sheet { font-size: 13px; }
.sheet-heading { font-size: 16px; font-weight: 600; margin: 0 0 4px; }
.sheet-note { margin: 0 0 12px; color: #616161; }
.sheet-tabs { display: flex; gap: 2px; border-bottom: 1px solid #d1d1d1; margin-bottom: 12px; flex-wrap: wrap; }
.sheet-tab { font: inherit; padding: 6px 12px; border: 1px solid transparent; border-bottom: none; background: none; color: #424242; cursor: pointer; border-radius: 4px 4px 0 0; }
.sheet-tab[aria-selected="true"] { background: #fff; border-color: #d1d1d1; color: #0f6cbd; font-weight: 600; margin-bottom: -1px; }
.sheet-tab:focus-visible, .sheet-object:focus-visible { outline: 2px solid #0f6cbd; outline-offset: 2px; }
.sheet-empty { color: #616161; font-style: italic; }
.sheet-object { background: #fff; border: 1px solid #e0e0e0; border-radius: 4px; padding: 12px; margin: 0 0 16px; max-width: 100%; overflow-x: auto; }
.sheet-object[data-selected="true"] { border-color: #0f6cbd; box-shadow: 0 0 0 1px #0f6cbd; }
.sheet-object .object-body { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.sheet-table, .sheet-summary { border-collapse: collapse; font-variant-numeric: tabular-nums; }
.sheet-table caption { caption-side: top; text-align: left; font-weight: 600; padding: 0 0 6px; white-space: nowrap; }
.sheet-table caption .address { font-weight: 400; color: #616161; margin-left: 8px; font-size: 12px; }
.sheet-table th, .sheet-table td, .sheet-summary th, .sheet-summary td { border: 1px solid #d1d1d1; padding: 3px 8px; white-space: nowrap; }
.sheet-table thead th { background: #156082; color: #fff; font-weight: 600; text-align: left; }
.sheet-table tbody tr:nth-child(even) { background: #f2f7fb; }
.sheet-table tbody th, .sheet-summary th { text-align: left; font-weight: 600; }
.sheet-summary { margin-top: 8px; align-self: flex-start; }
.sheet-summary th { background: #f5f5f5; font-weight: 400; }
.cell.numeric { text-align: right; }
.tone-positive { color: #0e700e; }
.tone-negative { color: #b10e1c; }
.tone-overbought { background: #fde7e9; }
.tone-oversold { background: #e5f5e5; }
.tone-error { color: #b10e1c; font-weight: 600; cursor: help; text-align: center; }
.frozen-note { margin: 8px 0 0; color: #616161; font-size: 12px; }
.demo-label { display: inline-block; margin-left: 8px; padding: 0 6px; border-radius: 4px; background: #fff4ce; color: #6b4e00; border: 1px solid #f2d67d; font-size: 12px; font-weight: 600; white-space: nowrap; }
.chart { margin: 0; padding-bottom: 2px; flex: 0 1 auto; max-width: 100%; }
.chart figcaption { font-weight: 600; margin-bottom: 4px; }
.chart svg.line-chart { width: 100%; height: auto; display: block; }
.chart-legend { display: flex; gap: 4px 14px; list-style: none; padding: 0; margin: 4px 0 0; flex-wrap: wrap; }
.chart-legend li { display: inline-flex; align-items: center; gap: 6px; }
.chart-legend .swatch { flex: none; }
.chart-error { color: #b10e1c; }
.chart-note { color: #424242; font-style: italic; }
`;
