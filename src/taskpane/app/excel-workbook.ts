import { ApiSupport, ExcelRunner, officeApiSupport, runInExcel } from "../common/excel/excel-run";
import type { Workbook } from "../common/workbook";
import { ExcelBasketStorage } from "../features/baskets";
import { freezeMktFormulas, recalculateMktFormulas } from "../features/data";
import { writeRotationView } from "../features/rotation-view";
import { writeSectorTable } from "../features/sector-table";

export interface ExcelWorkbookOptions {
  /** Defaults to `Excel.run`. */
  readonly run?: ExcelRunner;
  /** Which ExcelApi requirement sets the host has; defaults to Office.context.requirements. */
  readonly supports?: ApiSupport;
  /** The clock for the rotation view's dates. */
  readonly now?: () => Date;
}

/** The task pane's Workbook inside Excel. */
export function createExcelWorkbook(options: ExcelWorkbookOptions = {}): Workbook {
  const run = options.run ?? runInExcel;
  const supports = options.supports ?? officeApiSupport;
  const now = options.now ?? (() => new Date());
  return {
    kind: "excel",
    baskets: new ExcelBasketStorage(run),
    insertSectorTable: (request, place, progress) => writeSectorTable(request, place, progress, run),
    insertRotationView: (request, progress) => writeRotationView(request, progress, run, now),
    recalculate: (progress) => recalculateMktFormulas(progress, run, supports),
    freeze: (scope, provenance, progress) => freezeMktFormulas(scope, provenance, progress, run, supports),
  };
}
