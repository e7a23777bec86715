import { CalculationWait, countCalculatedCells, DEFAULT_CALCULATION_WAIT } from "../../common/excel/calculated-cells";
import { ApiSupport, ExcelRunner, officeApiSupport, runInExcel } from "../../common/excel/excel-run";
import { NO_CELLS, ProgressListener, RecalculateResult } from "../../common/workbook";
import { isMktFormula } from "./mkt-cells";

/** Range.calculate: ExcelApi 1.6 ("Calculates a range of cells on a worksheet"). */
const RANGE_CALCULATE = "1.6";

/** A cell as `invocation.address` names it: "Sheet1!B2", "'Q1 Sectors'!C3", "[Book1]Sheet1!B2". */
export interface CellPlace {
  readonly sheet: string;
  /** The cell on its sheet: "B2". */
  readonly cell: string;
}

/** Where `address` is; null when it is not a sheet-qualified cell address. */
export function cellPlaceOf(address: string): CellPlace | null {
  const bang = address.lastIndexOf("!");
  if (bang <= 0) return null;
  let sheet = address.slice(0, bang).trim();
  const cell = address
    .slice(bang + 1)
    .trim()
    .replace(/\$/g, "");
  if (!/^[A-Za-z]{1,3}\d{1,7}$/.test(cell)) return null;
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  sheet = sheet.replace(/^\[[^\]]*\]/, ""); // a workbook name in front
  return sheet === "" ? null : { sheet, cell: cell.toUpperCase() };
}

export interface RetryRefusedOptions {
  readonly run?: ExcelRunner;
  readonly supports?: ApiSupport;
  readonly wait?: CalculationWait;
  /** Told the addresses that no longer hold an MKT formula (deleted sheet, formula replaced): they leave the queue. */
  readonly forget?: (addresses: readonly string[]) => void;
}

/**
 * "Retry now" in Excel: recalculates only the cells at `addresses` (those the plan's limits refused,
 * as the functions recorded them), then waits for them and counts how they came out. Each cell is
 * calculated with Range.calculate (ExcelApi 1.6), which calculates it whether or not Excel thinks it
 * needs to; on older hosts its formula is written again, which makes Excel calculate it. A cell that
 * no longer holds an MKT formula is left alone and forgotten. The cells themselves take themselves
 * out of the queue as they compute (the functions record it).
 */
export async function retryRefusedCells(
  addresses: readonly string[],
  progress: ProgressListener = () => undefined,
  options: RetryRefusedOptions = {},
): Promise<RecalculateResult> {
  const run = options.run ?? runInExcel;
  const supports = options.supports ?? officeApiSupport;
  const wait = options.wait ?? DEFAULT_CALCULATION_WAIT;
  return run(async (context) => {
    const places = [...new Set(addresses)].map((address) => ({ address, place: cellPlaceOf(address) }));
    const sheetNames = [...new Set(places.flatMap(({ place }) => (place === null ? [] : [place.sheet.toLowerCase()])))];
    const sheets = new Map(
      sheetNames.map((name) => {
        const original = places.find(({ place }) => place?.sheet.toLowerCase() === name)!.place!.sheet;
        return [name, context.workbook.worksheets.getItemOrNullObject(original)] as const;
      }),
    );
    await context.sync();
    const found = places.flatMap(({ address, place }) => {
      const sheet = place === null ? undefined : sheets.get(place.sheet.toLowerCase());
      if (place === null || sheet === undefined || sheet.isNullObject) return [];
      return [{ address, range: sheet.getRange(place.cell).load("formulas") }];
    });
    await context.sync();
    const live = found.filter(({ range }) => isMktFormula(range.formulas[0]?.[0]));
    const liveAddresses = new Set(live.map(({ address }) => address));
    const gone = places.map(({ address }) => address).filter((address) => !liveAddresses.has(address));
    if (gone.length > 0) options.forget?.(gone);
    if (live.length === 0) {
      progress({ done: 0, total: 0, label: "No refused MKT cells left to recalculate" });
      return { formulas: 0, outcome: NO_CELLS };
    }

    const label = `Recalculating ${live.length} refused cell${live.length === 1 ? "" : "s"}`;
    progress({ done: 0, total: live.length, label });
    const byRange = supports(RANGE_CALCULATE);
    for (const { range } of live) {
      if (byRange) {
        range.calculate();
      } else {
        const formulas = range.formulas;
        range.formulas = formulas;
      }
    }
    await context.sync();
    const outcome = await countCalculatedCells(
      context,
      live.map(({ range }) => ({ range })),
      wait,
      progress,
    );
    return { formulas: live.length, outcome };
  });
}
