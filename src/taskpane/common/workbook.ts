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

/** How the cells an action wrote or recalculated came out, counted after they calculated. */
export interface CellOutcome {
  /** Cells holding an MKT formula (in Excel) or its evaluated value (in the preview). */
  readonly cells: number;
  /** Of those, cells showing an error (#N/A, #VALUE!…). */
  readonly errors: number;
  /** Of those, cells still calculating when the pane stopped waiting. */
  readonly pending: number;
  /**
   * The cells' own error messages, each with how many cells show it, most common first. The
   * preview knows them; Excel's API does not expose a cell's error message, so there it is empty.
   */
  readonly messages: readonly CellMessage[];
}

/** One reason cells show errors: the message (as one of them words it), how many cells, which tickers' rows. */
export interface CellMessage {
  readonly text: string;
  readonly cells: number;
  /** The first few tickers whose cells show it (empty when the cells are not one ticker's). */
  readonly tickers: readonly string[];
}

export const NO_CELLS: CellOutcome = { cells: 0, errors: 0, pending: 0, messages: [] };

export interface InsertResult {
  /** Where it went, for the pane's confirmation: "Sheet 'Mag7' A1:K9". */
  readonly address: string;
  readonly tableName: string;
  readonly outcome: CellOutcome;
}

export interface RecalculateResult {
  readonly formulas: number;
  readonly outcome: CellOutcome;
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
  /** Frozen cells that held an error: recipients see the error, not a number. */
  readonly errorCells: number;
}
