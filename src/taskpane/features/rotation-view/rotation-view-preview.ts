import type { Basket } from "../../../baskets";
import { evaluateFormula } from "../../../functions";
import { excelSerialToIso, formatCell, formatValue } from "../../common/preview/cell-format";
import { CellResult, cellError, outcomeOf, scalarOf } from "../../common/preview/cell-result";
import { demoBadge } from "../../common/preview/demo-badge";
import { html } from "../../common/preview/dom";
import { benchmarkValue, tickerColumn } from "../../common/preview/formula-arguments";
import type { PreviewSheetArea } from "../../common/preview/preview-sheet-area";
import { benchmarkLabel, RotationViewRequest } from "../../../workbook";
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

export interface RotationViewValues {
  readonly request: RotationViewRequest;
  /** Per basket, one spread per period. */
  readonly spreads: readonly (readonly CellResult[])[];
  readonly chart: { readonly ok: true; readonly value: RotationChart } | { readonly ok: false; readonly message: string };
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

async function chartDates(request: RotationViewRequest): Promise<number[]> {
  const ticker = request.benchmark.kind === "ticker" ? request.benchmark.ticker : request.benchmark.basket.tickers[0];
  const outcome = await evaluateFormula("HISTORY", [ticker, request.chartSpan, null, "date", 0]);
  if (!outcome.ok) throw new Error(outcome.error.message);
  const value = outcome.value;
  if (!Array.isArray(value)) throw new Error("HISTORY did not return a column of dates");
  return samplePoints(
    value.map((row) => row[0]).filter((cell): cell is number => typeof cell === "number"),
    MAX_CHART_POINTS,
  );
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
  const total = 2 * request.baskets.length;
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
  let chart: RotationViewValues["chart"];
  try {
    const dates = await chartDates(request);
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
  return { request, spreads, chart, demo: fromDemo };
}

/**
 * How the view's cells came out: the spreads and the chart's points (Excel's relative-strength
 * block); a chart that could not be computed at all counts as one error with its reason.
 */
export function rotationOutcome(values: RotationViewValues): CellOutcome {
  const chart = values.chart.ok
    ? values.chart.value.lines.flatMap((line) => line.points)
    : [cellError("#N/A", `Relative-strength chart: ${values.chart.message}`)];
  return outcomeOf([...values.spreads.flat(), ...chart]);
}

/** Sheet rows: title, headers, one per basket; the chart floats beside it as in Excel. */
export function rotationViewSize(request: RotationViewRequest): { rows: number; columns: number } {
  return { rows: 2 + request.baskets.length, columns: 1 + request.periods.length };
}

export function rotationTitle(request: RotationViewRequest): string {
  return `Rotation vs ${benchmarkLabel(request.benchmark)}`;
}

export function renderRotationView(values: RotationViewValues, tableName: string, address: string, chartWidth?: number): HTMLElement {
  const { request } = values;
  const table = html(
    "table",
    { class: "sheet-table", "data-table-name": tableName },
    html(
      "caption",
      {},
      `${rotationTitle(request)}: spread of each basket's return`,
      values.demo && demoBadge(),
      html("span", { class: "address" }, address),
    ),
    html(
      "thead",
      {},
      html("tr", {}, html("th", { scope: "col" }, "Basket"), ...request.periods.map((p) => html("th", { scope: "col" }, p))),
    ),
    html(
      "tbody",
      {},
      ...request.baskets.map((basket, row) =>
        html(
          "tr",
          { "data-basket": basket.name },
          html("th", { scope: "row", title: basket.label }, basket.name),
          ...values.spreads[row].map((result, column) => {
            const cell = formatCell(result, "percent", "sign");
            return html(
              "td",
              {
                class: ["cell", "numeric", cell.tone ? `tone-${cell.tone}` : null].filter(Boolean).join(" "),
                title: cell.title,
                "data-period": request.periods[column],
                "data-value": result.ok ? String(result.value) : null,
              },
              cell.text,
            );
          }),
        ),
      ),
    ),
  );
  const chartTitle = `Relative strength vs ${benchmarkLabel(request.benchmark)} over ${request.chartSpan}`;
  const chart = values.chart.ok
    ? lineChart({
        title: chartTitle,
        titleExtra: values.demo ? demoBadge() : null,
        dates: values.chart.value.dates,
        lines: values.chart.value.lines.map((line) => ({
          label: line.label,
          values: line.points.map((point) => (point.ok && typeof point.value === "number" ? point.value : null)),
        })),
        formatValue: (value) => formatValue(value, "percent"),
        formatTick: percentTick,
        formatDate: excelSerialToIso,
        width: chartWidth,
      })
    : html("p", { class: "chart-error", role: "note" }, `${chartTitle}: not available (${values.chart.message})`);
  return html("div", { class: "object-body" }, table, chart);
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
