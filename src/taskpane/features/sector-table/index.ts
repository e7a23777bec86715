/** Sector table: its form, its Excel writer and its preview drawing. */
export { SectorTableForm } from "./SectorTableForm";
export { writeSectorTable } from "./sector-table-writer";
export { drawSectorTable } from "./sector-table-preview";
