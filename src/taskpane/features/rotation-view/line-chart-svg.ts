import { html, svg } from "../../common/preview/dom";
import { ChartLine, chartGeometry } from "./line-chart-geometry";
import { monthTicks } from "./month-ticks";
import { seriesStyle } from "./series-style";

/** Drawn at the width it is shown at (never scaled up), so its text stays 11 px. */
export const CHART_WIDTH = { min: 280, max: 560 } as const;
const HEIGHT = 240;
const MARGIN = { left: 52, right: 14, top: 12, bottom: 30 };
/** Room one date label needs ("Sep 2025" at 11 px), and one tick mark. */
const PX_PER_DATE_LABEL = 56;
const PX_PER_TICK = 8;
const FONT = { "font-size": 11, fill: "#424242" } as const;

export interface LineChartOptions {
  readonly title: string;
  /** Extra content after the title, e.g. the demo-data label. */
  readonly titleExtra?: Node | null;
  /** Excel serials of the points, ascending. */
  readonly dates: readonly number[];
  readonly lines: readonly ChartLine[];
  readonly formatValue: (value: number) => string;
  /** A gridline's label, given the step between gridlines (so it shows no more decimals than that needs); default formatValue. */
  readonly formatTick?: (value: number, step: number) => string;
  readonly formatDate: (serial: number) => string;
  /** Width in px it gets on the sheet; clamped to CHART_WIDTH. */
  readonly width?: number;
}

function legendSample(index: number): SVGSVGElement {
  const style = seriesStyle(index);
  return svg(
    "svg",
    { class: "swatch", width: 28, height: 10, viewBox: "0 0 28 10", "aria-hidden": "true" },
    svg("line", {
      x1: 1,
      x2: 27,
      y1: 5,
      y2: 5,
      stroke: style.color,
      "stroke-width": 2.5,
      "stroke-dasharray": style.svgDashArray,
      "stroke-linecap": "round",
    }),
  );
}

/**
 * A small inline SVG line chart with a legend: a few round value gridlines, date ticks at month
 * starts, and lines told apart by colour (Okabe–Ito) and dash pattern. The image is labelled
 * for screen readers.
 */
export function lineChart(options: LineChartOptions): HTMLElement {
  const width = Math.round(Math.min(CHART_WIDTH.max, Math.max(CHART_WIDTH.min, options.width ?? CHART_WIDTH.max)));
  const box = { width, height: HEIGHT, ...MARGIN };
  const geometry = chartGeometry(options.lines, box);
  const right = width - box.right;
  const bottom = HEIGHT - box.bottom;
  const step = geometry.yTicks.length > 1 ? geometry.yTicks[1].value - geometry.yTicks[0].value : 1;
  const tickText = (value: number): string => (options.formatTick ?? options.formatValue)(value, step);
  const grid = geometry.yTicks.map((tick) =>
    svg(
      "g",
      { class: "grid-y", "data-value": tick.value },
      svg("line", { x1: box.left, x2: right, y1: tick.y, y2: tick.y, stroke: tick.value === 0 ? "#8a8a8a" : "#e0e0e0" }),
      svg("text", { x: box.left - 6, y: tick.y + 4, "text-anchor": "end", ...FONT }, tickText(tick.value)),
    ),
  );
  const plotWidth = right - box.left;
  const maxLabels = Math.max(2, Math.floor(plotWidth / PX_PER_DATE_LABEL));
  const ticks = monthTicks(options.dates, maxLabels, Math.floor(plotWidth / PX_PER_TICK)).map((tick) => {
    const x = geometry.xOf(tick.index);
    return svg(
      "g",
      { class: "tick-x", "data-month": tick.month, "data-label": tick.label },
      svg("line", { x1: x, x2: x, y1: bottom, y2: bottom + (tick.label === null ? 3 : 6), stroke: "#8a8a8a" }),
      tick.label !== null && svg("text", { x, y: HEIGHT - 10, "text-anchor": "middle", ...FONT }, tick.label),
    );
  });
  const axis = svg("line", { x1: box.left, x2: right, y1: bottom, y2: bottom, stroke: "#8a8a8a" });
  const paths = geometry.paths.map((d, i) => {
    const style = seriesStyle(i);
    return svg("path", {
      d,
      fill: "none",
      stroke: style.color,
      "stroke-width": 2,
      "stroke-dasharray": style.svgDashArray,
      "stroke-linecap": "round",
      "stroke-linejoin": "round",
      "data-line": options.lines[i].label,
      "data-dash": style.dash,
    });
  });
  const { dates } = options;
  const span = dates.length > 0 ? `, ${options.formatDate(dates[0])} to ${options.formatDate(dates[dates.length - 1])}` : "";
  const description = `${options.title}: ${options.lines
    .map((line, i) => {
      const last = [...line.values].reverse().find((v): v is number => v !== null);
      return `${line.label} (${seriesStyle(i).dash}) ${last === undefined ? "no data" : options.formatValue(last)}`;
    })
    .join(", ")}${span}`;

  const chart = svg(
    "svg",
    { viewBox: `0 0 ${width} ${HEIGHT}`, width, height: HEIGHT, role: "img", "aria-label": description, class: "line-chart" },
    ...grid,
    axis,
    ...ticks,
    ...paths,
  );
  const legend = html(
    "ul",
    { class: "chart-legend", "aria-hidden": "true" },
    ...options.lines.map((line, i) => html("li", { "data-line": line.label }, legendSample(i), line.label)),
  );
  return html(
    "figure",
    // Its drawn width, so beside a wide table it moves below it rather than shrinking its text.
    { class: "chart", style: `width:${width}px` },
    html("figcaption", {}, options.title, options.titleExtra ?? null),
    chart,
    legend,
  );
}
