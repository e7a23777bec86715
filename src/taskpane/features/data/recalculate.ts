import { CalculationWait, countCalculatedCells, CountedRange, DEFAULT_CALCULATION_WAIT } from "../../common/excel/calculated-cells";
import { ApiSupport, ExcelRunner, officeApiSupport, runInExcel } from "../../common/excel/excel-run";
import type { ProgressListener, RecalculateResult } from "../../common/workbook";
import { mktCells } from "./mkt-cells";

/** Worksheet.calculate(markAllDirty) arrived in ExcelApi 1.6. */
const SHEET_CALCULATE = "1.6";

/**
 * Counts the MKT formulas sheet by sheet (in each used range) and recalculates them: each sheet
 * that has some is marked dirty and calculated, or, on hosts without that API, the whole
 * workbook gets one full calculation at the end. Then waits for them (they are asynchronous)
 * and counts how they came out.
 */
export async function recalculateMktFormulas(
  progress: ProgressListener = () => undefined,
  run: ExcelRunner = runInExcel,
  supports: ApiSupport = officeApiSupport,
  wait: CalculationWait = DEFAULT_CALCULATION_WAIT,
): Promise<RecalculateResult> {
  return run(async (context) => {
    const sheets = context.workbook.worksheets.load("items/name");
    await context.sync();
    const bySheet = supports(SHEET_CALCULATE);
    const total = sheets.items.length + (bySheet ? 0 : 1);
    let formulas = 0;
    const counted: CountedRange[] = [];
    for (const [i, sheet] of sheets.items.entries()) {
      const used = sheet.getUsedRangeOrNullObject(true).load("formulas");
      await context.sync();
      const cells = used.isNullObject ? [] : mktCells(used.formulas);
      const found = cells.length;
      formulas += found;
      if (found > 0) counted.push({ range: used, cells });
      if (found > 0 && bySheet) {
        sheet.calculate(true);
        await context.sync();
      }
      progress({ done: i + 1, total, label: `${sheet.name}: ${found} MKT formula${found === 1 ? "" : "s"}` });
    }
    if (!bySheet && formulas > 0) {
      context.workbook.application.calculate("Full");
      await context.sync();
    }
    if (!bySheet) progress({ done: total, total, label: `Recalculated ${formulas} MKT formulas` });
    const outcome = await countCalculatedCells(context, counted, wait, progress);
    return { formulas, outcome };
  });
}
