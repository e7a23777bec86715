import type { BasketStorage } from "../../baskets";
import type { RotationViewRequest, SectorTableRequest } from "./table-requests";

/**
 * Everything the task pane does to a workbook. Two implementations, assembled in app/: Excel
 * and the in-browser preview (draws tables in the page, keeps baskets in browser storage).
 * Methods reject with an Error whose message can be shown next to the control that started it.
 */
export interface Workbook {
  /** "excel" inside Excel; "preview" in a plain browser. */
  readonly kind: "excel" | "preview";
  readonly baskets: BasketStorage;
  insertSectorTable(request: SectorTableRequest, place: TablePlace, progress?: ProgressListener): Promise<InsertResult>;
  insertRotationView(request: RotationViewRequest, progress?: ProgressListener): Promise<InsertResult>;
  /** Recalculates every MKT formula (after the data cache was emptied by the caller). */
  recalculate(progress?: ProgressListener): Promise<RecalculateResult>;
  /** Replaces MKT formulas by their values and records where they came from. */
  freeze(scope: FreezeScope, provenance: Provenance, progress?: ProgressListener): Promise<FreezeResult>;
}

export type TablePlace = "selection" | "new-sheet";
export type FreezeScope = "selection" | "sheet";

export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly label: string;
}
export type ProgressListener = (progress: Progress) => void;

export interface InsertResult {
  /** Where it went, for the pane's confirmation: "Sheet 'Mag7' A1:K9". */
  readonly address: string;
  readonly tableName: string;
}

export interface RecalculateResult {
  readonly formulas: number;
}

export interface Provenance {
  /** Provider label, e.g. "Yahoo Finance" (with "(demo data)" for the demo provider). */
  readonly provider: string;
  /** When the values were frozen. */
  readonly asOf: Date;
}

export interface FreezeResult {
  readonly address: string;
  readonly frozenCells: number;
}
