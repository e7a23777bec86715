import type { Basket } from "../../../baskets";
import { evaluateFormula } from "../../../functions";
import { excelSerialToIso, formatCell, formatValue } from "../../common/preview/cell-format";
import { CellResult, cellError, outcomeOf, scalarOf } from "../../common/preview/cell-result";
import { demoBadge } from "../../common/preview/demo-badge";
import { html } from "../../common/preview/dom";
import { benchmarkValue, tickerColumn } from "../../common/preview/formula-arguments";
import type { PreviewSheetArea } from "../../common/preview/preview-sheet-area";
import {
  benchmarkLabel,
  gapChartNote,
  monthEndDates,
  RotationValuationColumn,
  rotationValuationColumns,
  RotationViewRequest,
} from "../../../workbook";
import type { CellOutcome, InsertResult, ProgressListener } from "../../common/workbook";
import { percentDecimals } from "./line-chart-geometry";
import { lineChart } from "./line-chart-svg";

/** Points on the relative-strength chart: enough for its shape, few enough to compute quickly. */
const MAX_CHART_POINTS = 60;

export interface RotationChart {
  /** Excel serials of the sampled sessions. */
  readonly dates: readonly number[];
  /** Per basket, relative strength against the benchmark since the first date. */
  readonly lines: readonly { readonly label: string; readonly points: readonly CellResult[] }[];
}

type ChartOutcome = { readonly ok: true; readonly value: RotationChart } | { readonly ok: false; readonly message: string };

export interface RotationViewValues {
  readonly request: RotationViewRequest;
  /** Per basket, one spread per period. */
  readonly spreads: readonly (readonly CellResult[])[];
  /** Per basket, one cell per valuation column (P/E, gap, coverage); empty rows without valuation. */
  readonly valuation: readonly (readonly CellResult[])[];
  readonly chart: ChartOutcome;
  /** The monthly trailing-P/E gap per basket; null when the view has none (no valuation, or a provider without EPS history). */
  readonly gapChart: ChartOutcome | null;
  /** Computed from the demo provider's synthetic prices. */
  readonly demo: boolean;
}

async function spreadsOf(basket: Basket, request: RotationViewRequest): Promise<CellResult[]> {
  return Promise.all(
    request.periods.map(async (period) => {
      const outcome = await evaluateFormula("ROTATION_SPREAD", [tickerColumn(basket.tickers), benchmarkValue(request.benchmark), period]);
      return outcome.ok ? scalarOf(outcome.value, undefined) : cellError(outcome.error.code, outcome.error.message);
    }),
  );
}

/** Every `step`-th session and always the last one. */
export function samplePoints<T>(items: readonly T[], maxPoints: number): T[] {
  if (items.length <= maxPoints) return [...items];
  const step = Math.ceil(items.length / maxPoints);
  const sampled = items.filter((_, i) => i % step === 0);
  if (sampled[sampled.length - 1] !== items[items.length - 1]) sampled.push(items[items.length - 1]);
  return sampled;
}

/** The benchmark's sessions over the chart span (Excel serials). */
async function sessionDates(request: RotationViewRequest): Promise<number[]> {
  const ticker = request.benchmark.kind === "ticker" ? request.benchmark.ticker : request.benchmark.basket.tickers[0];
  const outcome = await evaluateFormula("HISTORY", [ticker, request.chartSpan, null, "date", 0]);
  if (!outcome.ok) throw new Error(outcome.error.message);
  const value = outcome.value;
  if (!Array.isArray(value)) throw new Error("HISTORY did not return a column of dates");
  return value.map((row) => row[0]).filter((cell): cell is number => typeof cell === "number");
}

function cellOf(outcome: Awaited<ReturnType<typeof evaluateFormula>>): CellResult {
  return outcome.ok ? scalarOf(outcome.value, undefined) : cellError(outcome.error.code, outcome.error.message);
}

/** The valuation cells of one basket, as the view's valuation columns compute them in Excel. */
async function valuationOf(
  basket: Basket,
  request: RotationViewRequest,
  columns: readonly RotationValuationColumn[],
): Promise<CellResult[]> {
  const measure = request.valuation?.measure ?? "forward_pe";
  const members = tickerColumn(basket.tickers);
  return Promise.all(
    columns.map(async (column) => {
      if (column.key === "gap")
        return cellOf(await evaluateFormula("VALUATION_GAP", [members, benchmarkValue(request.benchmark), measure]));
      return cellOf(await evaluateFormula("VALUATION", [members, column.key === "pe" ? measure : `coverage:${measure}`]));
    }),
  );
}

/** The trailing-P/E gap of `basket` against the benchmark at each date, from the EPS reported by then. */
async function gapLine(basket: Basket, request: RotationViewRequest, dates: readonly number[]): Promise<CellResult[]> {
  const a = tickerColumn(basket.tickers);
  const b = benchmarkValue(request.benchmark);
  return Promise.all(dates.map(async (date) => cellOf(await evaluateFormula("VALUATION_GAP", [a, b, "trailing_pe", null, date]))));
}

async function strengthLine(basket: Basket, request: RotationViewRequest, dates: readonly number[]): Promise<CellResult[]> {
  const a = tickerColumn(basket.tickers);
  const b = benchmarkValue(request.benchmark);
  return Promise.all(
    dates.map(async (date, index): Promise<CellResult> => {
      if (index === 0) return { ok: true, value: 0 };
      const outcome = await evaluateFormula("RELATIVE_STRENGTH", [a, b, dates[0], date]);
      return outcome.ok ? scalarOf(outcome.value, undefined) : cellError(outcome.error.code, outcome.error.message);
    }),
  );
}

export async function computeRotationView(
  request: RotationViewRequest,
  progress?: ProgressListener,
  demo: () => boolean = () => false,
): Promise<RotationViewValues> {
  const fromDemo = demo();
  if (request.baskets.length === 0) throw new Error("Pick at least one basket");
  if (request.periods.length === 0) throw new Error("Pick at least one period");
  const columns = rotationValuationColumns(request);
  const withGap = request.valuation?.gapChart === true;
  const total = (2 + (columns.length > 0 ? 1 : 0) + (withGap ? 1 : 0)) * request.baskets.length;
  let done = 0;
  const step = (label: string): void => progress?.({ done: ++done, total, label });
  progress?.({ done: 0, total, label: "Computing spreads" });

  const spreads = await Promise.all(
    request.baskets.map(async (basket) => {
      const cells = await spreadsOf(basket, request);
      step(`Spreads of ${basket.name}`);
      return cells;
    }),
  );
  const valuation = await Promise.all(
    request.baskets.map(async (basket) => {
      if (columns.length === 0) return [];
      const cells = await valuationOf(basket, request, columns);
      step(`Valuation of ${basket.name}`);
      return cells;
    }),
  );
  let sessions: number[] = [];
  let chart: ChartOutcome;
  try {
    sessions = await sessionDates(request);
    const dates = samplePoints(sessions, MAX_CHART_POINTS);
    const lines = await Promise.all(
      request.baskets.map(async (basket) => {
        const points = await strengthLine(basket, request, dates);
        step(`Relative strength of ${basket.name}`);
        return { label: basket.name, points };
      }),
    );
    chart = { ok: true, value: { dates, lines } };
  } catch (error) {
    chart = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  let gapChart: ChartOutcome | null = null;
  if (withGap) {
    const dates = monthEndDates(sessions);
    if (chart.ok === false || dates.length === 0)
      gapChart = { ok: false, message: chart.ok ? "no sessions in the chart span" : chart.message };
    else {
      const lines = await Promise.all(
        request.baskets.map(async (basket) => {
          const points = await gapLine(basket, request, dates);
          step(`Valuation gap of ${basket.name}`);
          return { label: basket.name, points };
        }),
      );
      gapChart = { ok: true, value: { dates, lines } };
    }
  }
  return { request, spreads, valuation, chart, gapChart, demo: fromDemo };
}

/**
 * How the view's cells came out: the spreads and the chart's points (Excel's relative-strength
 * block); a chart that could not be computed at all counts as one error with its reason.
 */
export function rotationOutcome(values: RotationViewValues): CellOutcome {
  const points = (chart: ChartOutcome | null, name: string): CellResult[] => {
    if (chart === null) return [];
    return chart.ok ? chart.value.lines.flatMap((line) => line.points) : [cellError("#N/A", `${name}: ${chart.message}`)];
  };
  return outcomeOf([
    ...values.spreads.flat(),
    ...values.valuation.flat(),
    ...points(values.chart, "Relative-strength chart"),
    ...points(values.gapChart, "Trailing-P/E gap chart"),
  ]);
}

/** Sheet rows: title, headers, one per basket; the charts float beside it as in Excel. */
export function rotationViewSize(request: RotationViewRequest): { rows: number; columns: number } {
  return { rows: 2 + request.baskets.length, columns: 1 + request.periods.length + rotationValuationColumns(request).length };
}

export function rotationTitle(request: RotationViewRequest): string {
  return `Rotation vs ${benchmarkLabel(request.benchmark)}`;
}

function valueCell(result: CellResult, format: "percent" | "multiple", highlight: "sign" | null, attributes: Record<string, string>) {
  const cell = formatCell(result, format, highlight);
  return html(
    "td",
    {
      ...attributes,
      class: ["cell", "numeric", cell.tone ? `tone-${cell.tone}` : null].filter(Boolean).join(" "),
      title: cell.title,
      "data-value": result.ok ? String(result.value) : null,
    },
    cell.text,
  );
}

/** A line chart of one value per basket and date, or its reason for being absent. */
function chartOrNote(chart: ChartOutcome, title: string, values: RotationViewValues, chartWidth: number | undefined, kind: string) {
  if (!chart.ok) return html("p", { class: "chart-error", role: "note", "data-chart": kind }, `${title}: not available (${chart.message})`);
  const points = chart.value.lines.flatMap((line) => line.points);
  const failed = points.find((point): point is Extract<CellResult, { ok: false }> => !point.ok);
  // Not one point computed: an empty frame would say nothing; the first point's reason says why.
  if (failed !== undefined && points.every((point) => !point.ok)) {
    return html("p", { class: "chart-note", role: "note", "data-chart": kind }, `${title}: not available (${failed.message})`);
  }
  const figure = lineChart({
    title,
    titleExtra: values.demo ? demoBadge() : null,
    dates: chart.value.dates,
    lines: chart.value.lines.map((line) => ({
      label: line.label,
      values: line.points.map((point) => (point.ok && typeof point.value === "number" ? point.value : null)),
    })),
    formatValue: (value) => formatValue(value, "percent"),
    formatTick: percentTick,
    formatDate: excelSerialToIso,
    width: chartWidth,
  });
  figure.setAttribute("data-chart", kind);
  return figure;
}

export function renderRotationView(values: RotationViewValues, tableName: string, address: string, chartWidth?: number): HTMLElement {
  const { request } = values;
  const columns = rotationValuationColumns(request);
  const table = html(
    "table",
    { class: "sheet-table", "data-table-name": tableName },
    html(
      "caption",
      {},
      // Short: a caption does not wrap, and a table grows to its caption's width.
      `${rotationTitle(request)}: ${columns.length > 0 ? "spreads and valuation" : "spread of each basket's return"}`,
      values.demo && demoBadge(),
      html("span", { class: "address" }, address),
    ),
    html(
      "thead",
      {},
      html(
        "tr",
        {},
        html("th", { scope: "col" }, "Basket"),
        ...request.periods.map((p) => html("th", { scope: "col" }, p)),
        ...columns.map((column) => html("th", { scope: "col", class: "valuation" }, column.header)),
      ),
    ),
    html(
      "tbody",
      {},
      ...request.baskets.map((basket, row) =>
        html(
          "tr",
          { "data-basket": basket.name },
          html("th", { scope: "row", title: basket.label }, basket.name),
          ...values.spreads[row].map((result, column) => valueCell(result, "percent", "sign", { "data-period": request.periods[column] })),
          ...(values.valuation[row] ?? []).map((result, column) =>
            valueCell(result, columns[column].format === "multiple" ? "multiple" : "percent", null, {
              "data-valuation": columns[column].key,
            }),
          ),
        ),
      ),
    ),
  );
  const against = benchmarkLabel(request.benchmark);
  const chart = chartOrNote(values.chart, `Relative strength vs ${against} over ${request.chartSpan}`, values, chartWidth, "strength");
  const valuation = request.valuation ?? null;
  const gap =
    values.gapChart !== null
      ? chartOrNote(values.gapChart, `Trailing-P/E gap vs ${against}, monthly over ${request.chartSpan}`, values, chartWidth, "gap")
      : valuation !== null
        ? html(
            "p",
            { class: "chart-note", role: "note", "data-chart": "gap" },
            gapChartNote(valuation.noChartReason ?? "the data source has no quarterly EPS with report dates"),
          )
        : null;
  return html("div", { class: "object-body" }, table, chart, gap);
}

/** A gridline's percentage with as many decimals as the step between gridlines needs: "50%", "2.5%". */
export function percentTick(value: number, step: number): string {
  return `${(value * 100).toFixed(percentDecimals(step))}%`;
}

/** The preview's "Insert rotation view": computes it and draws it on a new preview sheet, redrawn on every recalculation. */
export async function drawRotationView(
  area: PreviewSheetArea,
  request: RotationViewRequest,
  progress?: ProgressListener,
  demo: () => boolean = () => false,
): Promise<InsertResult> {
  const values = await computeRotationView(request, progress, demo);
  const title = rotationTitle(request);
  const sheet = area.sheetFor("new-sheet", "Rotation");
  const tableName = area.uniqueTableName("Rotation");
  const size = rotationViewSize(request);
  const object = area.place(sheet, tableName, {
    title,
    ...size,
    render: (address) => renderRotationView(values, tableName, address, area.contentWidth() || undefined),
  });
  object.outcome = rotationOutcome(values);
  object.recompute = async () => {
    const fresh = await computeRotationView(request, undefined, demo);
    area.redraw(object, renderRotationView(fresh, tableName, object.address, area.contentWidth() || undefined));
    return rotationOutcome(fresh);
  };
  return { address: object.address, tableName, outcome: object.outcome };
}
