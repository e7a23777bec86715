import { retitled, sourcedChartTitle } from "../../../workbook";
import type { ExcelRunner } from "./excel-run";

/**
 * Where the pane's own tables keep their titles, found by table name: the cell above the header
 * row, and for a rotation view also the relative-strength title two rows below the spreads
 * table (see the writers' layouts).
 */
export interface TitledTables {
  /** Names of the tables the pane wrote, e.g. /_Sector\d*$/. */
  readonly name: RegExp;
  /** Rows below the table's last row that hold another title of the same view, if any. */
  readonly titleBelow?: number;
  /** Re-title the charts on the table's sheet too. */
  readonly charts?: boolean;
}

/**
 * After a refresh with another data source, the titles of the tables (and charts) the pane wrote
 * say "demo data" exactly when the data now is demo data. Only text titles are touched: a cell
 * the analyst turned into a formula or emptied stays as it is.
 */
export async function retitleTables(run: ExcelRunner, kinds: readonly TitledTables[], demo: boolean): Promise<number> {
  return run(async (context) => {
    const tables = context.workbook.tables.load("items/name");
    await context.sync();
    const found = tables.items.flatMap((table) => {
      const kind = kinds.find((candidate) => candidate.name.test(table.name));
      if (kind === undefined) return [];
      const area = table.getRange().load("rowIndex, columnIndex, rowCount");
      return [{ table, kind, area }];
    });
    if (found.length === 0) return 0;
    await context.sync();
    const cells: Excel.Range[] = [];
    const charts: Excel.ChartCollection[] = [];
    for (const { table, kind, area } of found) {
      const sheet = table.worksheet;
      if (area.rowIndex > 0) cells.push(sheet.getRangeByIndexes(area.rowIndex - 1, area.columnIndex, 1, 1));
      if (kind.titleBelow !== undefined)
        cells.push(sheet.getRangeByIndexes(area.rowIndex + area.rowCount - 1 + kind.titleBelow, area.columnIndex, 1, 1));
      if (kind.charts === true) charts.push(sheet.charts.load("items/title/text"));
    }
    for (const cell of cells) cell.load("values, formulas");
    await context.sync();
    let changed = 0;
    for (const cell of cells) {
      const value = cell.values[0][0];
      const formula = cell.formulas[0][0];
      if (typeof value !== "string" || value === "" || (typeof formula === "string" && formula.startsWith("="))) continue;
      const next = retitled(value, demo);
      if (next === value) continue;
      cell.values = [[next]];
      changed++;
    }
    for (const collection of charts) {
      for (const chart of collection.items) {
        const next = sourcedChartTitle(chart.title.text, demo);
        if (next === chart.title.text) continue;
        chart.title.text = next;
        changed++;
      }
    }
    await context.sync();
    return changed;
  });
}
