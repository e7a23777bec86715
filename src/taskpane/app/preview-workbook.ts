import { PreviewSheetArea } from "../common/preview/preview-sheet-area";
import type { Workbook } from "../common/workbook";
import { KeyValueStorage, LocalBasketStorage } from "../features/baskets";
import { freezePreviewTables, recalculatePreviewTables } from "../features/data";
import { drawRotationView } from "../features/rotation-view";
import { drawSectorTable } from "../features/sector-table";

export interface PreviewWorkbookOptions {
  /** Where the preview sheet is drawn; default the page's #preview-sheet (created if missing). */
  readonly sheetHost?: HTMLElement;
  /** Where baskets are kept; default the browser's localStorage. */
  readonly storage?: KeyValueStorage | null;
  /** Whether the data source is the demo provider now (tables computed then say so). */
  readonly demo?: () => boolean;
}

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
  return {
    kind: "preview",
    baskets: new LocalBasketStorage(options.storage === undefined ? browserStorage() : options.storage),
    insertSectorTable: (request, place, progress) => drawSectorTable(area, request, place, progress, demo),
    insertRotationView: (request, progress) => drawRotationView(area, request, progress, demo),
    recalculate: (progress) => recalculatePreviewTables(area, progress),
    freeze: (scope, provenance, progress) => freezePreviewTables(area, scope, provenance, progress),
  };
}
