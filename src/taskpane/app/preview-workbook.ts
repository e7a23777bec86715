import { refusalMark, refusalsSince } from "../../addin";
import { PreviewSheetArea } from "../common/preview/preview-sheet-area";
import type { Workbook } from "../common/workbook";
import { KeyValueStorage, LocalBasketStorage } from "../features/baskets";
import { freezePreviewTables, PreviewRefusals, recalculatePreviewTables, RefusalLog, retryRefusedPreviewTables } from "../features/data";
import { drawRotationView } from "../features/rotation-view";
import { drawSectorTable } from "../features/sector-table";

export interface PreviewWorkbookOptions {
  /** Where the preview sheet is drawn; default the page's #preview-sheet (created if missing). */
  readonly sheetHost?: HTMLElement;
  /** Where baskets are kept; default the browser's localStorage. */
  readonly storage?: KeyValueStorage | null;
  /** Whether the data source is the demo provider now (tables computed then say so). */
  readonly demo?: () => boolean;
  /** Where the cells' refusals are recorded (default the add-in's record). */
  readonly refusals?: RefusalLog;
}

/** The add-in's record of refused cells, as the preview reads it (its cells have no address). */
const ADDIN_REFUSALS: RefusalLog = { mark: refusalMark, since: (mark) => refusalsSince(mark).filter((cell) => cell.address === null) };

function defaultHost(): HTMLElement {
  const existing = document.getElementById("preview-sheet");
  if (existing !== null) return existing;
  const host = document.createElement("section");
  host.id = "preview-sheet";
  host.setAttribute("aria-label", "Preview sheet");
  document.body.append(host);
  return host;
}

function browserStorage(): KeyValueStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage can be disabled in locked-down browsers
  }
}

/**
 * The workbook outside Excel: baskets in browser storage, tables drawn in the page and computed
 * with the same MKT functions (and the same shared data store) the cells use in Excel.
 */
export function createPreviewWorkbook(options: PreviewWorkbookOptions = {}): Workbook {
  const area = new PreviewSheetArea(options.sheetHost ?? defaultHost());
  const demo = options.demo ?? (() => false);
  const refusals = new PreviewRefusals(options.refusals ?? ADDIN_REFUSALS);
  const drawn = (tableName: string) => area.allObjects().find((object) => object.tableName === tableName) ?? null;
  return {
    kind: "preview",
    baskets: new LocalBasketStorage(options.storage === undefined ? browserStorage() : options.storage),
    insertSectorTable: (request, place, progress) =>
      refusals.track(
        () => drawSectorTable(area, request, place, progress, demo),
        (result) => drawn(result.tableName),
      ),
    insertRotationView: (request, progress) =>
      refusals.track(
        () => drawRotationView(area, request, progress, demo),
        (result) => drawn(result.tableName),
      ),
    recalculate: (progress) => recalculatePreviewTables(area, refusals, progress),
    freeze: (scope, provenance, progress) => freezePreviewTables(area, scope, provenance, progress),
    refused: () => refusals.queue(),
    retryRefused: (progress) => retryRefusedPreviewTables(refusals, progress),
  };
}
