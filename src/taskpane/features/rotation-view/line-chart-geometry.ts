/** Layout of a simple line chart, kept apart from the SVG so it can be tested without a DOM. */
import { niceAxis } from "../../../workbook";

/** The round axes are shared with the Excel writers (src/workbook/axis.ts). */
export { niceAxis, niceStep, niceTicks, percentDecimals } from "../../../workbook";

export interface ChartLine {
  readonly label: string;
  /** One value per x position; null leaves a gap. */
  readonly values: readonly (number | null)[];
}

export interface ChartBox {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export interface ChartGeometry {
  /** SVG path data per line ("M x y L x y …"), gaps start a new "M". */
  readonly paths: readonly string[];
  /** Horizontal grid lines: value and y. */
  readonly yTicks: readonly { readonly value: number; readonly y: number }[];
  /** y of the zero line, when zero is inside the range. */
  readonly zeroY: number | null;
  readonly xOf: (index: number) => number;
}

export function chartGeometry(lines: readonly ChartLine[], box: ChartBox): ChartGeometry {
  const count = Math.max(0, ...lines.map((line) => line.values.length));
  const finite = lines.flatMap((line) => line.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  let dataMin = finite.length > 0 ? Math.min(0, ...finite) : 0;
  let dataMax = finite.length > 0 ? Math.max(0, ...finite) : 1;
  if (dataMax === dataMin) {
    dataMax += 0.01;
    dataMin -= 0.01;
  }
  const axis = niceAxis(dataMin, dataMax);
  const { min, max } = axis;
  const plotWidth = box.width - box.left - box.right;
  const plotHeight = box.height - box.top - box.bottom;
  const xOf = (index: number): number => box.left + (count <= 1 ? plotWidth / 2 : (index / (count - 1)) * plotWidth);
  const yOf = (value: number): number => box.top + ((max - value) / (max - min)) * plotHeight;
  const round = (n: number): string => n.toFixed(1);

  const paths = lines.map((line) => {
    let path = "";
    let drawing = false;
    line.values.forEach((value, index) => {
      if (value === null || !Number.isFinite(value)) {
        drawing = false;
        return;
      }
      path += `${path === "" ? "" : " "}${drawing ? "L" : "M"}${round(xOf(index))} ${round(yOf(value))}`;
      drawing = true;
    });
    return path;
  });
  return {
    paths,
    yTicks: axis.ticks.map((value) => ({ value, y: yOf(value) })),
    zeroY: min <= 0 && max >= 0 ? yOf(0) : null,
    xOf,
  };
}
