import type {
  FreezeResult,
  FreezeScope,
  InsertResult,
  ProgressListener,
  Provenance,
  RecalculateResult,
  TablePlace,
  Workbook,
} from "../workbook";
import type { RotationViewRequest } from "../tables/rotation-view";
import type { SectorTableRequest } from "../tables/sector-table-layout";
import { KeyValueStorage, LocalBasketStorage } from "./local-basket-storage";
import { PreviewSheetArea, SheetObject } from "./preview-sheet-area";
import {
  computeRotationView,
  countRotationCells,
  renderRotationView,
  rotationTitle,
  rotationViewSize,
} from "./rotation-view-preview";
import { computeSectorTable, countCells, renderSectorTable, sectorTableSize } from "./sector-table-preview";

export interface PreviewWorkbookOptions {
  /** Where the preview sheet is drawn; default the page's #preview-sheet (created if missing). */
  readonly sheetHost?: HTMLElement;
  /** Where baskets are kept; default the browser's localStorage. */
  readonly storage?: KeyValueStorage | null;
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

/** Excel table names: letters, digits, underscores and dots, starting with a letter or underscore. */
function tableNameFor(prefix: string, name: string): string {
  return `${prefix}_${name.replace(/[^A-Za-z0-9_.]/g, "_")}`;
}

/**
 * The workbook outside Excel: baskets in browser storage, tables drawn in the page and computed
 * with the same MKT functions (and the same shared data store) the cells use in Excel.
 */
export function createPreviewWorkbook(options: PreviewWorkbookOptions = {}): Workbook {
  const area = new PreviewSheetArea(options.sheetHost ?? defaultHost());
  const baskets = new LocalBasketStorage(options.storage === undefined ? browserStorage() : options.storage);

  async function insertSectorTable(request: SectorTableRequest, place: TablePlace, progress?: ProgressListener): Promise<InsertResult> {
    const values = await computeSectorTable(request, progress);
    const size = sectorTableSize(values.layout);
    const sheet = area.sheetFor(place, request.basket.name);
    const tableName = area.uniqueTableName(tableNameFor("Sector", request.basket.name));
    const object = area.place(sheet, tableName, { title: values.layout.title, ...size, render: (address) => renderSectorTable(values, tableName, address) });
    object.cells = countCells(values);
    object.recompute = async () => {
      const fresh = await computeSectorTable(request);
      area.redraw(object, renderSectorTable(fresh, tableName, object.address));
      return countCells(fresh);
    };
    return { address: object.address, tableName };
  }

  async function insertRotationView(request: RotationViewRequest, progress?: ProgressListener): Promise<InsertResult> {
    const values = await computeRotationView(request, progress);
    const title = rotationTitle(request);
    const sheet = area.sheetFor("new-sheet", "Rotation");
    const tableName = area.uniqueTableName("Rotation");
    const size = rotationViewSize(request);
    const object = area.place(sheet, tableName, { title, ...size, render: (address) => renderRotationView(values, tableName, address) });
    object.cells = countRotationCells(values);
    object.recompute = async () => {
      const fresh = await computeRotationView(request);
      area.redraw(object, renderRotationView(fresh, tableName, object.address));
      return countRotationCells(fresh);
    };
    return { address: object.address, tableName };
  }

  async function recalculate(progress?: ProgressListener): Promise<RecalculateResult> {
    const live = area.allObjects().filter((object) => !object.frozen);
    let formulas = 0;
    progress?.({ done: 0, total: live.length, label: live.length === 0 ? "No live tables in the preview" : "Recalculating" });
    for (const [index, object] of live.entries()) {
      object.cells = await object.recompute();
      formulas += object.cells;
      progress?.({ done: index + 1, total: live.length, label: `Recalculated ${object.title}` });
    }
    return { formulas };
  }

  function freezeTargets(scope: FreezeScope): SheetObject[] {
    if (scope === "sheet") return area.activeObjects().filter((object) => !object.frozen);
    const selected = area.selectedObject();
    if (selected === null) throw new Error("Select a table in the preview sheet first (click it)");
    if (selected.frozen) throw new Error(`${selected.title} is already frozen`);
    return [selected];
  }

  async function freeze(scope: FreezeScope, provenance: Provenance, progress?: ProgressListener): Promise<FreezeResult> {
    const targets = freezeTargets(scope);
    if (targets.length === 0) throw new Error("Nothing to freeze on this sheet: its tables are frozen already or there are none");
    let frozenCells = 0;
    for (const [index, object] of targets.entries()) {
      area.markFrozen(object, provenance);
      frozenCells += object.cells;
      progress?.({ done: index + 1, total: targets.length, label: `Froze ${object.title}` });
    }
    const address = targets.length === 1 ? targets[0].address : `${targets.length} tables on the active preview sheet`;
    return { address, frozenCells };
  }

  return { kind: "preview", baskets, insertSectorTable, insertRotationView, recalculate, freeze };
}
