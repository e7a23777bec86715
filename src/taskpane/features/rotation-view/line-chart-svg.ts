import { svg, html } from "../../common/preview/dom";
import { ChartLine, chartGeometry } from "./line-chart-geometry";

/** Colours of Office's default chart palette. */
const PALETTE = ["#156082", "#e97132", "#196b24", "#0f9ed5", "#a02b93", "#4ea72e"];

const BOX = { width: 560, height: 240, left: 52, right: 12, top: 12, bottom: 28 };

export interface LineChartOptions {
  readonly title: string;
  readonly xLabels: readonly string[];
  readonly lines: readonly ChartLine[];
  readonly formatValue: (value: number) => string;
}

/** A small inline SVG line chart with a legend; the image is labelled for screen readers. */
export function lineChart(options: LineChartOptions): HTMLElement {
  const geometry = chartGeometry(options.lines, BOX);
  const { xLabels } = options;
  const grid = geometry.yTicks.map((tick) =>
    svg(
      "g",
      {},
      svg("line", { x1: BOX.left, x2: BOX.width - BOX.right, y1: tick.y, y2: tick.y, stroke: "#e0e0e0" }),
      svg(
        "text",
        { x: BOX.left - 6, y: tick.y + 4, "text-anchor": "end", "font-size": 11, fill: "#616161" },
        options.formatValue(tick.value),
      ),
    ),
  );
  const zero =
    geometry.zeroY === null
      ? null
      : svg("line", { x1: BOX.left, x2: BOX.width - BOX.right, y1: geometry.zeroY, y2: geometry.zeroY, stroke: "#8a8a8a" });
  const xAxis =
    xLabels.length === 0
      ? []
      : [0, xLabels.length - 1].map((index, i) =>
          svg(
            "text",
            { x: geometry.xOf(index), y: BOX.height - 8, "text-anchor": i === 0 ? "start" : "end", "font-size": 11, fill: "#616161" },
            xLabels[index],
          ),
        );
  const paths = geometry.paths.map((d, i) =>
    svg("path", { d, fill: "none", stroke: PALETTE[i % PALETTE.length], "stroke-width": 2, "data-line": options.lines[i].label }),
  );
  const description = `${options.title}: ${options.lines
    .map((line) => {
      const last = [...line.values].reverse().find((v): v is number => v !== null);
      return `${line.label} ${last === undefined ? "no data" : options.formatValue(last)}`;
    })
    .join(", ")}${xLabels.length > 0 ? `, ${xLabels[0]} to ${xLabels[xLabels.length - 1]}` : ""}`;

  const chart = svg(
    "svg",
    { viewBox: `0 0 ${BOX.width} ${BOX.height}`, role: "img", "aria-label": description, class: "line-chart" },
    ...grid,
    zero,
    ...xAxis,
    ...paths,
  );
  const legend = html(
    "ul",
    { class: "chart-legend", "aria-hidden": "true" },
    ...options.lines.map((line, i) =>
      html("li", {}, html("span", { class: "swatch", style: `background:${PALETTE[i % PALETTE.length]}` }), line.label),
    ),
  );
  return html("figure", { class: "chart" }, html("figcaption", {}, options.title), chart, legend);
}
