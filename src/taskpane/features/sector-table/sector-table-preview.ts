import { formatCell, FormattedCell } from "../../common/preview/cell-format";
import { CellResult, outcomeOf } from "../../common/preview/cell-result";
import { demoBadge } from "../../common/preview/demo-badge";
import { html } from "../../common/preview/dom";
import type { PreviewSheetArea } from "../../common/preview/preview-sheet-area";
import type { SectorTableRequest } from "../../../workbook";
import type { CellOutcome, InsertResult, ProgressListener, TablePlace } from "../../common/workbook";
import { evaluateCell, evaluateSummaryLine } from "./evaluate-cells";
import { SectorTableLayout, sectorTableLayout } from "./sector-table-layout";

export interface SectorTableValues {
  readonly layout: SectorTableLayout;
  /** One row per ticker, one cell per column. */
  readonly rows: readonly (readonly CellResult[])[];
  readonly summary: readonly CellResult[];
  /** Computed from the demo provider's synthetic prices. */
  readonly demo: boolean;
}

/** Evaluates every cell the Excel table would hold, with the same functions the cells call. */
export async function computeSectorTable(
  request: SectorTableRequest,
  progress?: ProgressListener,
  demo: () => boolean = () => false,
): Promise<SectorTableValues> {
  const fromDemo = demo();
  const layout = sectorTableLayout(request);
  const total = layout.tickers.length + 1;
  let done = 0;
  const step = (label: string): void => {
    done++;
    progress?.({ done, total, label });
  };
  progress?.({ done: 0, total, label: `Computing ${layout.tickers.length} rows` });
  const rows = await Promise.all(
    layout.tickers.map(async (ticker) => {
      const cells = await Promise.all(layout.columns.map((column) => evaluateCell(column.value, ticker)));
      step(`Computed ${ticker}`);
      return cells;
    }),
  );
  const summary = await Promise.all(layout.summary.map((line) => evaluateSummaryLine(line, layout.tickers, request.benchmark)));
  step("Computed the summary");
  return { layout, rows, summary, demo: fromDemo };
}

/** How the table's cells came out: the rows' cells and the summary values, as in Excel. */
export function sectorOutcome(values: SectorTableValues): CellOutcome {
  const columns = values.layout.columns.length;
  const bodyCells = values.layout.tickers.length * columns;
  return outcomeOf([...values.rows.flat(), ...values.summary], (index) =>
    index < bodyCells ? values.layout.tickers[Math.floor(index / columns)] : null,
  );
}

/** Sheet rows the table takes: title, headers, tickers, a blank row, the summary lines. */
export function sectorTableSize(layout: SectorTableLayout): { rows: number; columns: number } {
  return { rows: 3 + layout.tickers.length + layout.summary.length, columns: layout.headers.length };
}

function valueCell(cell: FormattedCell, attributes: Record<string, string | number | null>): HTMLTableCellElement {
  return html(
    "td",
    {
      ...attributes,
      class: ["cell", cell.numeric ? "numeric" : null, cell.tone ? `tone-${cell.tone}` : null].filter(Boolean).join(" "),
      title: cell.title,
    },
    cell.text,
  );
}

/** The raw value, for tooltips and for tests that compare with the Node evaluation. */
function rawValue(result: CellResult): string | null {
  return result.ok ? String(result.value) : null;
}

export function renderSectorTable(values: SectorTableValues, tableName: string, address: string): HTMLElement {
  const { layout } = values;
  const header = html("tr", {}, ...layout.headers.map((text) => html("th", { scope: "col" }, text)));
  const body = layout.tickers.map((ticker, rowIndex) =>
    html(
      "tr",
      { "data-ticker": ticker },
      html("th", { scope: "row" }, ticker),
      ...layout.columns.map((column, columnIndex) => {
        const result = values.rows[rowIndex][columnIndex];
        return valueCell(formatCell(result, column.format, column.highlight), {
          "data-metric": column.metric,
          "data-value": rawValue(result),
        });
      }),
    ),
  );
  const summary = layout.summary.map((line, index) => {
    const result = values.summary[index];
    return html(
      "tr",
      { "data-summary": line.fn },
      html("th", { scope: "row" }, line.label),
      valueCell(formatCell(result, line.format, line.format === "percent" ? "sign" : null), { "data-value": rawValue(result) }),
    );
  });
  return html(
    "div",
    { class: "object-body" },
    html(
      "table",
      { class: "sheet-table", "data-table-name": tableName },
      html("caption", {}, layout.title, values.demo && demoBadge(), html("span", { class: "address" }, address)),
      html("thead", {}, header),
      html("tbody", {}, ...body),
    ),
    html("table", { class: "sheet-summary", "aria-label": `Summary of ${layout.title}` }, html("tbody", {}, ...summary)),
  );
}

/** Excel table names: letters, digits, underscores and dots, starting with a letter or underscore. */
function tableNameFor(prefix: string, name: string): string {
  return `${prefix}_${name.replace(/[^A-Za-z0-9_.]/g, "_")}`;
}

/** The preview's "Insert sector table": computes the table and draws it on a preview sheet, redrawn on every recalculation. */
export async function drawSectorTable(
  area: PreviewSheetArea,
  request: SectorTableRequest,
  place: TablePlace,
  progress?: ProgressListener,
  demo: () => boolean = () => false,
): Promise<InsertResult> {
  const values = await computeSectorTable(request, progress, demo);
  const size = sectorTableSize(values.layout);
  const sheet = area.sheetFor(place, request.basket.name);
  const tableName = area.uniqueTableName(tableNameFor("Sector", request.basket.name));
  const object = area.place(sheet, tableName, {
    title: values.layout.title,
    ...size,
    render: (address) => renderSectorTable(values, tableName, address),
  });
  object.outcome = sectorOutcome(values);
  object.recompute = async () => {
    const fresh = await computeSectorTable(request, undefined, demo);
    area.redraw(object, renderSectorTable(fresh, tableName, object.address));
    return sectorOutcome(fresh);
  };
  return { address: object.address, tableName, outcome: object.outcome };
}
