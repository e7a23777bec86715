import { sumOutcomes } from "../../common/preview/cell-result";
import type { PreviewSheetArea, SheetObject } from "../../common/preview/preview-sheet-area";
import type { FreezeResult, FreezeScope, ProgressListener, Provenance, RecalculateResult } from "../../common/workbook";

/** The preview's "Refresh": recomputes and redraws every table that is not frozen. */
export async function recalculatePreviewTables(area: PreviewSheetArea, progress?: ProgressListener): Promise<RecalculateResult> {
  const live = area.allObjects().filter((object) => !object.frozen);
  progress?.({ done: 0, total: live.length, label: live.length === 0 ? "No live tables in the preview" : "Recalculating" });
  for (const [index, object] of live.entries()) {
    object.outcome = await object.recompute();
    progress?.({ done: index + 1, total: live.length, label: `Recalculated ${object.title}` });
  }
  const outcome = sumOutcomes(live.map((object) => object.outcome));
  return { formulas: outcome.cells, outcome };
}

function freezeTargets(area: PreviewSheetArea, scope: FreezeScope): SheetObject[] {
  if (scope === "sheet") return area.activeObjects().filter((object) => !object.frozen);
  const selected = area.selectedObject();
  if (selected === null) throw new Error("Select a table in the preview sheet first (click it)");
  if (selected.frozen) throw new Error(`${selected.title} is already frozen`);
  return [selected];
}

/** The preview's "Freeze for sharing": the selected table, or every live table on the active sheet, stops recalculating. */
export async function freezePreviewTables(
  area: PreviewSheetArea,
  scope: FreezeScope,
  provenance: Provenance,
  progress?: ProgressListener,
): Promise<FreezeResult> {
  const targets = freezeTargets(area, scope);
  if (targets.length === 0) throw new Error("Nothing to freeze on this sheet: its tables are frozen already or there are none");
  let frozenCells = 0;
  let errorCells = 0;
  for (const [index, object] of targets.entries()) {
    area.markFrozen(object, provenance);
    frozenCells += object.outcome.cells;
    errorCells += object.outcome.errors;
    progress?.({ done: index + 1, total: targets.length, label: `Froze ${object.title}` });
  }
  const address = targets.length === 1 ? targets[0].address : `${targets.length} tables on the active preview sheet`;
  return { address, frozenCells, errorCells };
}
