/**
 * How the relative-strength lines are told apart, in the preview's SVG and in Excel's chart alike
 * (the pane's and the .xlsx writer's): colours of the Okabe–Ito palette (safe for the common
 * colour-vision deficiencies; its yellow is left out, too faint as a thin line on white) and, in
 * case colour fails anyway (grey print), a different dash pattern per line.
 */
export interface SeriesStyle {
  readonly color: string;
  /** For people and tests: "solid", "dashed"… */
  readonly dash: string;
  /** Excel's ChartLineStyle for the series line (ExcelApi 1.7). */
  readonly excelLineStyle: "Continuous" | "Dash" | "RoundDot" | "DashDot" | "DashDotDot" | "Dot";
  /** DrawingML's preset dash (`<a:prstDash val=…>`) for the same pattern in a chart part. */
  readonly drawingDash: "solid" | "dash" | "sysDot" | "dashDot" | "lgDashDotDot" | "sysDash";
  /** SVG stroke-dasharray, in user units at a 2-unit stroke; null for a solid line. */
  readonly svgDashArray: string | null;
}

/** Okabe & Ito (2008), "Color Universal Design": blue, vermillion, bluish green, reddish purple, orange, sky blue, black. */
export const OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"] as const;

const DASHES: readonly Omit<SeriesStyle, "color">[] = [
  { dash: "solid", excelLineStyle: "Continuous", drawingDash: "solid", svgDashArray: null },
  { dash: "dashed", excelLineStyle: "Dash", drawingDash: "dash", svgDashArray: "8 4" },
  { dash: "dotted", excelLineStyle: "RoundDot", drawingDash: "sysDot", svgDashArray: "0.5 4" },
  { dash: "dash-dot", excelLineStyle: "DashDot", drawingDash: "dashDot", svgDashArray: "8 4 0.5 4" },
  { dash: "dash-dot-dot", excelLineStyle: "DashDotDot", drawingDash: "lgDashDotDot", svgDashArray: "8 4 0.5 4 0.5 4" },
  { dash: "short dashes", excelLineStyle: "Dot", drawingDash: "sysDash", svgDashArray: "3 3" },
];

/** The style of the `index`-th line: colour and dash both change from one line to the next. */
export function seriesStyle(index: number): SeriesStyle {
  return { color: OKABE_ITO[index % OKABE_ITO.length], ...DASHES[index % DASHES.length] };
}
