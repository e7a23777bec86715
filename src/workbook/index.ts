/**
 * Table and report layouts shared by the task pane's Excel writer and the .xlsx writer (`mkt
 * report`): what goes in which cell, the formulas, number formats, conditional formats and chart
 * styles. No Office.js, no Node: plain descriptions each writer turns into its own calls.
 */
export * from "./a1";
export * from "./axis";
export * from "./basket-sheet";
export * from "./demo-label";
export * from "./formats";
export * from "./formula-text";
export * from "./requests";
export * from "./rotation-view";
export * from "./sector-table";
export * from "./series-style";
