import type { BasketStorage } from "../../baskets";
import type { RotationViewRequest, SectorTableRequest } from "../../workbook";

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
  /** The cells the plan's limits refused, waiting to be recalculated. */
  refused(): RefusedQueue;
  /**
   * "Retry now": recalculates only the refused cells (in the preview, the tables holding them), after
   * the caller let the data store ask again. Cells that compute leave the queue.
   */
  retryRefused(progress?: ProgressListener): Promise<RecalculateResult>;
}

/** Cells refused by the plan's limits (rate-limited, a used-up day), each recalculable from its own time. */
export interface RefusedQueue {
  /** How many cells (in the preview: evaluated cells of its live tables). */
  readonly cells: number;
  /** When the first of them can be recalculated (ms since 1970); null when none wait. */
  readonly firstRetryAt: number | null;
  /** When the last of them can (ms); null when none wait. */
  readonly lastRetryAt: number | null;
  /** What the first of them shows. */
  readonly message: string | null;
}

export const NO_REFUSED_CELLS: RefusedQueue = { cells: 0, firstRetryAt: null, lastRetryAt: null, message: null };

/** The queue of the refusals `cells` (each with its retry time and message). */
export function refusedQueueOf(cells: readonly { readonly retryAt: number; readonly message: string }[]): RefusedQueue {
  if (cells.length === 0) return NO_REFUSED_CELLS;
  const first = cells.reduce((a, b) => (b.retryAt < a.retryAt ? b : a));
  const last = cells.reduce((latest, cell) => Math.max(latest, cell.retryAt), Number.NEGATIVE_INFINITY);
  return { cells: cells.length, firstRetryAt: first.retryAt, lastRetryAt: last, message: first.message };
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
