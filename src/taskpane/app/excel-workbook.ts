import { forgetRefusedCells, refusedCells, RefusedCell } from "../../addin";
import { CalculationWait, DEFAULT_CALCULATION_WAIT } from "../common/excel/calculated-cells";
import { ApiSupport, ExcelRunner, officeApiSupport, runInExcel } from "../common/excel/excel-run";
import { retitleTables, TitledTables } from "../common/excel/retitle-tables";
import { refusedQueueOf, Workbook } from "../common/workbook";
import { ExcelBasketStorage } from "../features/baskets";
import { freezeMktFormulas, recalculateMktFormulas, retryRefusedCells } from "../features/data";
import { writeRotationView } from "../features/rotation-view";
import { writeSectorTable } from "../features/sector-table";

export interface ExcelWorkbookOptions {
  /** Defaults to `Excel.run`. */
  readonly run?: ExcelRunner;
  /** Which ExcelApi requirement sets the host has; defaults to Office.context.requirements. */
  readonly supports?: ApiSupport;
  /** The clock for the rotation view's dates. */
  readonly now?: () => Date;
  /** Whether the data source is the demo provider now (tables written then say so). */
  readonly demo?: () => boolean;
  /** How long to wait for new or recalculated cells before counting them. */
  readonly wait?: CalculationWait;
  /** The cells the plan's limits refused, as the functions recorded them (default the add-in's record). */
  readonly refusedCells?: () => readonly RefusedCell[];
  /** Takes cells out of that record (default the add-in's). */
  readonly forgetRefusedCells?: (addresses: readonly string[]) => void;
}

/**
 * The tables the writers title (sector-table-writer, rotation-view-writer): the title above the
 * table; a rotation view's relative-strength title sits 2 rows below its spreads table, and its
 * sheet holds its chart.
 */
const PANE_TABLES: readonly TitledTables[] = [{ name: /_Sector\d*$/ }, { name: /^Rotation_Spreads\d*$/, titleBelow: 2, charts: true }];

/** The task pane's Workbook inside Excel. */
export function createExcelWorkbook(options: ExcelWorkbookOptions = {}): Workbook {
  const run = options.run ?? runInExcel;
  const supports = options.supports ?? officeApiSupport;
  const now = options.now ?? (() => new Date());
  const demo = options.demo ?? (() => false);
  const wait = options.wait ?? DEFAULT_CALCULATION_WAIT;
  const refused = options.refusedCells ?? refusedCells;
  const forget = options.forgetRefusedCells ?? forgetRefusedCells;
  return {
    kind: "excel",
    baskets: new ExcelBasketStorage(run),
    insertSectorTable: (request, place, progress) => writeSectorTable(request, place, progress, run, { demo: demo(), wait }),
    insertRotationView: (request, progress) => writeRotationView(request, progress, run, now, { demo: demo(), wait }),
    recalculate: async (progress) => {
      // The data source may have changed since the tables were written: their titles say which it is now.
      await retitleTables(run, PANE_TABLES, demo());
      return recalculateMktFormulas(progress, run, supports, wait);
    },
    freeze: (scope, provenance, progress) => freezeMktFormulas(scope, provenance, progress, run, supports),
    refused: () => refusedQueueOf(refused()),
    retryRefused: (progress) =>
      retryRefusedCells(
        refused().flatMap((cell) => (cell.address === null ? [] : [cell.address])),
        progress,
        { run, supports, wait, forget },
      ),
  };
}
