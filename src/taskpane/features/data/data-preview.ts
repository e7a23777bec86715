import { sumOutcomes } from "../../common/preview/cell-result";
import type { PreviewSheetArea, SheetObject } from "../../common/preview/preview-sheet-area";
import { refusedQueueOf } from "../../common/workbook";
import type { FreezeResult, FreezeScope, ProgressListener, Provenance, RecalculateResult, RefusedQueue } from "../../common/workbook";

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

/** A refusal of one of the preview's evaluated cells, as the add-in's runtime recorded it. */
export interface PreviewRefusal {
  readonly retryAt: number;
  readonly message: string;
}

/** Where the preview learns which refusals a computation caused: the add-in's record, in order. */
export interface RefusalLog {
  /** A point in the order of refusals. */
  mark(): number;
  /** The refusals recorded after `mark`. */
  since(mark: number): readonly PreviewRefusal[];
}

/**
 * The preview's queue of refused cells: for each table whose last computation the plan's limits
 * refused cells of, those cells' refusals. The preview's cells have no address, so the refusals a
 * computation caused are the ones recorded while it ran (the pane runs one task at a time).
 */
export class PreviewRefusals {
  private readonly byObject = new Map<SheetObject, readonly PreviewRefusal[]>();

  constructor(private readonly log: RefusalLog) {}

  /**
   * Runs `work` (a table's computation) and keeps the refusals it caused for the object `objectOf`
   * names, replacing what that object had: a table that computed leaves the queue.
   */
  async track<T>(work: () => Promise<T>, objectOf: (result: T) => SheetObject | null): Promise<T> {
    const mark = this.log.mark();
    const result = await work();
    const object = objectOf(result);
    if (object !== null) {
      const refused = this.log.since(mark);
      // An evaluated cell may evaluate more than one formula (a ratio): never more than the cells with errors.
      const cells = Math.min(refused.length, object.outcome.errors);
      if (cells > 0) this.byObject.set(object, [...refused].sort((a, b) => a.retryAt - b.retryAt).slice(0, cells));
      else this.byObject.delete(object);
    }
    return result;
  }

  /** Live (not frozen) tables holding refused cells. */
  objects(): SheetObject[] {
    return [...this.byObject.keys()].filter((object) => !object.frozen);
  }

  queue(): RefusedQueue {
    return refusedQueueOf(this.objects().flatMap((object) => [...(this.byObject.get(object) ?? [])]));
  }
}

/** The preview's "Refresh": recomputes and redraws every table that is not frozen, noting the cells the limits refuse. */
export function recalculatePreviewTables(area: PreviewSheetArea, refusals: PreviewRefusals, progress?: ProgressListener) {
  return recalculateTables(area.allObjects(), refusals, progress, "No live tables in the preview");
}

/** The preview's "Retry now": recomputes and redraws only the tables holding refused cells. */
export function retryRefusedPreviewTables(refusals: PreviewRefusals, progress?: ProgressListener): Promise<RecalculateResult> {
  return recalculateTables(refusals.objects(), refusals, progress, "No refused cells in the preview");
}

async function recalculateTables(
  objects: readonly SheetObject[],
  refusals: PreviewRefusals,
  progress: ProgressListener | undefined,
  none: string,
): Promise<RecalculateResult> {
  const live = objects.filter((object) => !object.frozen);
  progress?.({ done: 0, total: live.length, label: live.length === 0 ? none : "Recalculating" });
  for (const [index, object] of live.entries()) {
    await refusals.track(
      async () => {
        object.outcome = await object.recompute();
      },
      () => object,
    );
    progress?.({ done: index + 1, total: live.length, label: `Recalculated ${object.title}` });
  }
  const outcome = sumOutcomes(live.map((object) => object.outcome));
  return { formulas: outcome.cells, outcome };
}
